import { defineOp } from '../define.js';
import { normalizeAxes } from '../helpers/shape.js';
import { sliceTensor } from '../helpers/strided-copy.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/**
 * Slices `x` along `axes` (all axes when omitted). Negative starts/ends count from the end;
 * out-of-range values (INT64_MAX/MIN included) clamp to the axis, to [0, dim] for positive
 * steps and [-1, dim - 1] for negative ones, as in numpy.
 */
export function slice(x: Tensor, starts: number[], ends: number[], axes?: number[], steps?: number[]): Tensor {
  const rank = x.dims.length;
  const n = starts.length;
  const ax = axes ?? starts.map((_, i) => i);
  if (ends.length !== n || ax.length !== n || (steps && steps.length !== n)) {
    throw new InvalidInputError(`Slice: starts, ends, axes and steps must have the same length, got ${n}, ${ends.length}, ${ax.length}${steps ? `, ${steps.length}` : ''}`);
  }
  const norm = normalizeAxes(ax, rank, 'Slice axes');
  const begin = new Array<number>(rank).fill(0);
  const step = new Array<number>(rank).fill(1);
  const dims = [...x.dims];
  for (let i = 0; i < n; i++) {
    const a = norm[i];
    const dim = x.dims[a];
    const st = steps ? steps[i] : 1;
    if (st === 0) throw new InvalidInputError(`Slice: step for axis ${a} is 0`);
    let s = starts[i] < 0 ? starts[i] + dim : starts[i];
    let e = ends[i] < 0 ? ends[i] + dim : ends[i];
    let len: number;
    if (st > 0) {
      s = clamp(s, 0, dim);
      e = clamp(e, 0, dim);
      len = Math.max(0, Math.ceil((e - s) / st));
    } else {
      s = clamp(s, 0, dim - 1);
      e = clamp(e, -1, dim - 1);
      len = Math.max(0, Math.ceil((s - e) / -st));
    }
    begin[a] = len > 0 ? s : 0;
    step[a] = st;
    dims[a] = len;
  }
  return sliceTensor(x, begin, step, dims);
}

export const Slice = [
  // Slice-1 took starts/ends/axes as attributes
  defineOp('Slice', 1, (ctx) => {
    const starts = ctx.attrs.required('starts', ctx.attrs.ints('starts'));
    const ends = ctx.attrs.required('ends', ctx.attrs.ints('ends'));
    const axes = ctx.attrs.ints('axes');
    return (inputs) => [slice(tensorInput(inputs, 0, 'data'), starts, ends, axes)];
  }),
  ...[10, 11, 13].map((since) =>
    defineOp('Slice', since, () => (inputs) => {
      const axesT = optionalTensorInput(inputs, 3);
      const stepsT = optionalTensorInput(inputs, 4);
      return [slice(
        tensorInput(inputs, 0, 'data'),
        readInts(tensorInput(inputs, 1, 'starts')),
        readInts(tensorInput(inputs, 2, 'ends')),
        axesT ? readInts(axesT) : undefined,
        stepsT ? readInts(stepsT) : undefined,
      )];
    }),
  ),
];
