import { defineOp } from '../define.js';
import { offsetsBesideAxis } from '../helpers/axis-offsets.js';
import { indexValues, resolveIndex } from '../helpers/index-bounds.js';
import { computeCopy, readScatterReduction, scatterCombine, scatterReductionsAt, type ScatterReduction } from '../helpers/scatter-reduction.js';
import { normalizeAxis, sameDims, stridesOf } from '../helpers/shape.js';
import { computeView, fromCompute, tensorInput } from '../helpers/values.js';
import { slotsPerElement } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';

/**
 * output = copy of data; then for every position p of `updates`:
 * output[p with p[axis] := indices[p]] = combine(that value, updates[p]).
 */
export function scatterElements(op: string, inputs: KernelInput[], axisAttr: number, reduction: ScatterReduction): Tensor {
  const x = tensorInput(inputs, 0, 'data');
  const indices = tensorInput(inputs, 1, 'indices');
  const updates = tensorInput(inputs, 2, 'updates');
  const rank = x.dims.length;
  const axis = normalizeAxis(axisAttr, rank, `${op} axis`);
  if (!sameDims(indices.dims, updates.dims)) {
    throw new InvalidInputError(`${op}: indices shape [${indices.dims}] and updates shape [${updates.dims}] differ`);
  }
  if (indices.dims.length !== rank || indices.dims.some((d, k) => k !== axis && d > x.dims[k])) {
    throw new InvalidInputError(`${op}: indices shape [${indices.dims}] does not fit data shape [${x.dims}] (axis ${axis})`);
  }
  if (updates.type !== x.type) throw new InvalidInputError(`${op}: updates type ${updates.type} differs from data type ${x.type}`);
  if (slotsPerElement(x.type) !== 1) throw new InvalidInputError(`${op}: ${x.type} tensors are not supported`);
  const idx = indexValues(op, indices);
  const upd = computeView(updates) as unknown as ArrayLike<unknown>;
  const out = computeCopy(x) as unknown as { [i: number]: unknown };
  const combine = scatterCombine(reduction);
  const xs = stridesOf(x.dims);
  const size = x.dims[axis];
  const base = offsetsBesideAxis(indices.dims, xs, axis);
  for (let i = 0; i < idx.length; i++) {
    const p = base[i] + resolveIndex(op, idx[i], size, `on axis ${axis}`) * xs[axis];
    out[p] = combine(out[p], upd[i]);
  }
  return fromCompute(x.type, out as never, x.dims);
}

export const ScatterElements = [11, 13, 16, 18].map((since) =>
  defineOp('ScatterElements', since, (ctx) => {
    const axis = ctx.attrs.int('axis', 0);
    const reduction = readScatterReduction(ctx, scatterReductionsAt(since));
    return (inputs) => [scatterElements('ScatterElements', inputs, axis, reduction)];
  }),
);
