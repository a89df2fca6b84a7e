import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';

/** Shape-15's start/end: negative counts from the back, then both clamp to [0, rank]. */
function clampBound(v: number, rank: number): number {
  const x = v < 0 ? v + rank : v;
  return Math.min(Math.max(x, 0), rank);
}

function shapeTensor(dims: readonly number[]): Tensor {
  const out = new BigInt64Array(dims.length);
  for (let i = 0; i < dims.length; i++) out[i] = BigInt(dims[i]);
  return new Tensor('int64', out, [dims.length]);
}

export const Shape = [
  ...[1, 13].map((since) =>
    defineOp('Shape', since, () => (inputs) => [shapeTensor(tensorInput(inputs, 0, 'data').dims)]),
  ),
  // from 15 on, `start`/`end` select a slice of the shape
  ...[15, 19, 21, 23, 24, 25].map((since) =>
    defineOp('Shape', since, (ctx) => {
      const start = ctx.attrs.int('start', 0);
      const end = ctx.attrs.int('end');
      return (inputs) => {
        const dims = tensorInput(inputs, 0, 'data').dims;
        const rank = dims.length;
        const s = clampBound(start, rank);
        const e = end === undefined ? rank : clampBound(end, rank);
        return [shapeTensor(s < e ? dims.slice(s, e) : [])];
      };
    }),
  ),
];
