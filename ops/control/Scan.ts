import { allocateData } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp, defineOpVersions } from '../define.js';
import { stackAlongAxis } from '../helpers/concat-along-axis.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { takeAlongAxis } from '../helpers/slice-along-axis.js';
import { readInts, tensorInput } from '../helpers/values.js';
import type { OpContext } from '../types.js';
import { declaredTensorType, emptyScanOutput } from './control-values.js';
import { runScanIterations, scanLength, type ScanInput } from './scan-iterations.js';

/** Attribute list of `count` entries (default 0 each), checked for its length. */
function perInputInts(ctx: OpContext, name: string, count: number): number[] {
  const v = ctx.attrs.ints(name) ?? new Array<number>(count).fill(0);
  if (v.length !== count) throw ctx.attrs.error(`${name} has ${v.length} entries, expected ${count}`, name);
  return v;
}

function scanBody(ctx: OpContext, scanInputCount: number, stateCount: number) {
  const body = ctx.compileSubgraph(ctx.attrs.required('body', ctx.attrs.graph('body')));
  if (body.inputNames.length !== stateCount + scanInputCount) {
    throw ctx.attrs.error(`body has ${body.inputNames.length} inputs, expected ${stateCount} states + ${scanInputCount} scan inputs`, 'body');
  }
  if (body.outputNames.length < stateCount) {
    throw ctx.attrs.error(`body has ${body.outputNames.length} outputs, expected at least the ${stateCount} states`, 'body');
  }
  return body;
}

// Scan-8: every input carries a leading batch axis (scanned along axis 1), and each batch
// entry may run fewer iterations (sequence_lens); its scan outputs are zero-padded.
const Scan8 = defineOp('Scan', 8, (ctx) => {
  const scanInputCount = ctx.attrs.required('num_scan_inputs', ctx.attrs.int('num_scan_inputs'));
  const stateCount = ctx.node.inputs.length - 1 - scanInputCount;
  if (scanInputCount < 1 || stateCount < 0) throw ctx.attrs.error(`num_scan_inputs ${scanInputCount} does not fit the node's ${ctx.node.inputs.length - 1} state and scan inputs`, 'num_scan_inputs');
  const reverse = perInputInts(ctx, 'directions', scanInputCount).map((d) => d === 1);
  const body = scanBody(ctx, scanInputCount, stateCount);
  const outputInfos = body.graph.outputs.slice(stateCount);

  return async (inputs, rt) => {
    const values = inputs.slice(1).map((_, i) => tensorInput(inputs, i + 1, `Scan input ${i}`));
    const batch = values[0].dims[0];
    for (const [i, v] of values.entries()) {
      if (v.dims.length < (i < stateCount ? 1 : 2) || v.dims[0] !== batch) {
        throw new InvalidInputError(`Scan input ${i} must have the batch size ${batch} as its first dimension${i < stateCount ? '' : ' and a sequence axis'}, got shape [${v.dims}]`);
      }
    }
    const maxLength = stateCount < values.length ? values[stateCount].dims[1] : 0;
    let lengths: number[] = new Array<number>(batch).fill(maxLength);
    if (inputs[0] !== undefined) {
      lengths = readInts(tensorInput(inputs, 0, 'sequence_lens'));
      if (lengths.length !== batch) throw new InvalidInputError(`sequence_lens has ${lengths.length} entries, expected the batch size ${batch}`);
      for (const l of lengths) {
        if (l < 0 || l > maxLength) throw new InvalidInputError(`sequence_lens entry ${l} is outside [0, ${maxLength}]`);
      }
    }
    const finalStates: Tensor[][] = Array.from({ length: stateCount }, () => []);
    const perBatch: Tensor[][][] = [];
    for (let b = 0; b < batch; b++) {
      const states = values.slice(0, stateCount).map((s) => takeAlongAxis(s, 0, b));
      const scans: ScanInput[] = values.slice(stateCount).map((x, j) => ({ tensor: takeAlongAxis(x, 0, b), axis: 0, reverse: reverse[j] }));
      if (scans.length > 0) scanLength(scans);
      const r = await runScanIterations(body, states, scans, lengths[b], rt);
      r.states.forEach((s, i) => finalStates[i].push(s as Tensor));
      perBatch.push(r.outputs);
    }
    const outputs = outputInfos.map((info, k) => {
      const sample = perBatch.find((o) => o[k].length > 0)?.[k][0];
      const { type, dims } = sample ?? declaredTensorType(info);
      const padding = new Tensor(type, allocateData(type, sizeOf(dims)), dims);
      const rows = perBatch.map((o) => {
        const items = [...o[k]];
        while (items.length < maxLength) items.push(padding);
        return items.length > 0 ? stackAlongAxis(items, 0) : new Tensor(type, allocateData(type, 0), [0, ...dims]);
      });
      return rows.length > 0 ? stackAlongAxis(rows, 0) : new Tensor(type, allocateData(type, 0), [0, maxLength, ...dims]);
    });
    const states = finalStates.map((s, i) => (s.length > 0 ? stackAlongAxis(s, 0) : values[i]));
    return [...states, ...outputs] as OnnxValue[];
  };
});

// Scan-9 on: no batch axis; each scan input and output names its own axis and direction.
const Scan9 = defineOpVersions('Scan', [9, 11, 16, 19, 21, 23, 24, 25], (ctx) => {
  const scanInputCount = ctx.attrs.required('num_scan_inputs', ctx.attrs.int('num_scan_inputs'));
  const stateCount = ctx.node.inputs.length - scanInputCount;
  if (scanInputCount < 1 || stateCount < 0) throw ctx.attrs.error(`num_scan_inputs ${scanInputCount} does not fit the node's ${ctx.node.inputs.length} inputs`, 'num_scan_inputs');
  const body = scanBody(ctx, scanInputCount, stateCount);
  const outputCount = body.outputNames.length - stateCount;
  const inputAxes = perInputInts(ctx, 'scan_input_axes', scanInputCount);
  const inputReverse = perInputInts(ctx, 'scan_input_directions', scanInputCount).map((d) => d === 1);
  const outputAxes = perInputInts(ctx, 'scan_output_axes', outputCount);
  const outputReverse = perInputInts(ctx, 'scan_output_directions', outputCount).map((d) => d === 1);
  const outputInfos = body.graph.outputs.slice(stateCount);

  return async (inputs, rt) => {
    const states = inputs.slice(0, stateCount) as OnnxValue[];
    const scans: ScanInput[] = inputAxes.map((axis, j) => {
      const t = tensorInput(inputs, stateCount + j, `Scan input ${stateCount + j}`);
      return { tensor: t, axis: normalizeAxis(axis, t.dims.length, `scan_input_axes[${j}]`), reverse: inputReverse[j] };
    });
    const length = scanLength(scans);
    const r = await runScanIterations(body, states, scans, length, rt);
    const outputs = r.outputs.map((items, k) => {
      if (items.length === 0) {
        const info = outputInfos[k];
        const rank = info?.type?.kind === 'tensor' ? (info.type.shape?.length ?? 0) : 0;
        return emptyScanOutput(info, normalizeAxis(outputAxes[k], rank + 1, `scan_output_axes[${k}]`));
      }
      const ordered = outputReverse[k] ? [...items].reverse() : items;
      return stackAlongAxis(ordered, normalizeAxis(outputAxes[k], items[0].dims.length + 1, `scan_output_axes[${k}]`));
    });
    return [...r.states, ...outputs];
  };
});

export const Scan = [Scan8, ...Scan9];
