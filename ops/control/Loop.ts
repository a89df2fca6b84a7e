import type { OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { stackAlongAxis } from '../helpers/concat-along-axis.js';
import { tensorInput } from '../helpers/values.js';
import { bodyTensor, boolScalar, emptyScanOutput, int64Scalar, readCondition } from './control-values.js';
import { bodyKeepsCondition, checkScanOutput } from './scan-output-budget.js';
import { iterationGate } from './iteration-gate.js';

// Versions widen the carried types (sequences from 13, optionals from 16); the semantics hold.
export const Loop = defineOpVersions('Loop', [1, 11, 13, 16, 19, 21, 23, 24, 25], (ctx) => {
  const body = ctx.compileSubgraph(ctx.attrs.required('body', ctx.attrs.graph('body')));
  const carriedCount = Math.max(0, ctx.node.inputs.length - 2);
  const scanCount = body.outputNames.length - 1 - carriedCount;
  if (body.inputNames.length !== 2 + carriedCount) {
    throw ctx.attrs.error(`body has ${body.inputNames.length} inputs, expected 2 + ${carriedCount} (iteration number, condition, loop-carried values)`, 'body');
  }
  if (scanCount < 0) {
    throw ctx.attrs.error(`body has ${body.outputNames.length} outputs, expected at least 1 + ${carriedCount} (condition, loop-carried values)`, 'body');
  }
  const scanInfos = body.graph.outputs.slice(1 + carriedCount);
  const onlyTripCountStops = bodyKeepsCondition(body.graph);

  return async (inputs, rt) => {
    let maxTrips = Infinity;
    if (inputs[0] !== undefined) {
      const m = tensorInput(inputs, 0, 'Loop trip count M');
      if (m.size !== 1) throw new InvalidInputError(`Loop trip count M must be a scalar, got shape [${m.dims}]`);
      maxTrips = Number(m.data[0] as bigint);
    }
    let cond = inputs[1] === undefined ? true : readCondition(inputs[1], 'Loop condition');
    let carried = inputs.slice(2, 2 + carriedCount) as OnnxValue[];
    const scans: Tensor[][] = Array.from({ length: scanCount }, () => []);
    const gate = iterationGate(rt, ctx.node.name || 'Loop');
    // The body's condition output is read after every iteration, whether or not the node was
    // given an initial condition (as onnxruntime and the ONNX reference evaluator do).
    for (let i = 0; i < maxTrips && cond; i++) {
      const pause = gate(i);
      if (pause) await pause;
      const out = await body.run([int64Scalar(i), boolScalar(cond), ...carried], rt);
      cond = readCondition(out[0], 'Loop body condition output');
      carried = out.slice(1, 1 + carriedCount);
      for (let k = 0; k < scanCount; k++) {
        const item = bodyTensor(out[1 + carriedCount + k], `Loop scan output ${k}`);
        scans[k].push(item);
        checkScanOutput(item, scans[k].length, `Loop scan output ${k} after ${scans[k].length} iterations`);
        // a loop only its trip count ends will stack maxTrips of these: known after one iteration
        if (i === 0 && onlyTripCountStops && Number.isFinite(maxTrips)) checkScanOutput(item, maxTrips, `Loop scan output ${k} of ${maxTrips} iterations`);
      }
    }
    const scanOutputs = scans.map((s, k) => (s.length > 0 ? stackAlongAxis(s, 0) : emptyScanOutput(scanInfos[k])));
    return [...carried, ...scanOutputs];
  };
});
