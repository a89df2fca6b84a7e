// The iteration at the heart of Scan (both the batched opset-8 form and the opset-9 form):
// feed the states and one slice of every scan input to the body, carry the states on, and
// collect the per-iteration scan output values in iteration order.
import type { OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { takeAlongAxis } from '../helpers/slice-along-axis.js';
import type { RuntimeContext, SubgraphRunner } from '../types.js';
import { bodyTensor } from './control-values.js';
import { checkScanOutput } from './scan-output-budget.js';
import { iterationGate } from './iteration-gate.js';

export interface ScanInput {
  tensor: Tensor;
  /** Normalized axis the iterations walk along. */
  axis: number;
  reverse: boolean;
}

export async function runScanIterations(
  body: SubgraphRunner, initialStates: OnnxValue[], scanInputs: ScanInput[], length: number, rt: RuntimeContext,
): Promise<{ states: OnnxValue[]; outputs: Tensor[][] }> {
  const stateCount = initialStates.length;
  const outputCount = body.outputNames.length - stateCount;
  let states = initialStates;
  const outputs: Tensor[][] = Array.from({ length: outputCount }, () => []);
  const feed = new Array<OnnxValue>(stateCount + scanInputs.length);
  const gate = iterationGate(rt, 'Scan');
  for (let t = 0; t < length; t++) {
    const pause = gate(t);
    if (pause) await pause;
    for (let s = 0; s < stateCount; s++) feed[s] = states[s];
    scanInputs.forEach((x, j) => {
      feed[stateCount + j] = takeAlongAxis(x.tensor, x.axis, x.reverse ? length - 1 - t : t);
    });
    const out = await body.run(feed, rt);
    states = out.slice(0, stateCount);
    for (let k = 0; k < outputCount; k++) {
      const item = bodyTensor(out[stateCount + k], `Scan output ${k}`);
      outputs[k].push(item);
      // the iteration count is known: after the first, the stacked output's size is too
      if (t === 0) checkScanOutput(item, length, `Scan output ${k} of ${length} iterations`);
      else checkScanOutput(item, t + 1, `Scan output ${k} after ${t + 1} iterations`);
    }
  }
  return { states, outputs };
}

/** The common iteration count of the scan inputs along their scan axes. */
export function scanLength(inputs: ScanInput[]): number {
  const length = inputs[0].tensor.dims[inputs[0].axis];
  inputs.forEach((x, j) => {
    if (x.tensor.dims[x.axis] !== length) {
      throw new InvalidInputError(`Scan inputs differ in sequence length: input 0 has ${length}, input ${j} has ${x.tensor.dims[x.axis]} (shape [${x.tensor.dims}], axis ${x.axis})`);
    }
  });
  return length;
}
