import { defineOp } from '../define.js';
import { normalizeAxes } from '../helpers/shape.js';
import { readInts, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';

/** Inserts size-1 axes at `axes`, which index the output (rank + axes.length) shape. */
export function unsqueezeDims(x: Tensor, axes: readonly number[]): number[] {
  const rank = x.dims.length + axes.length;
  const inserted = new Set(normalizeAxes(axes, rank, 'Unsqueeze axes'));
  const dims: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) dims.push(inserted.has(i) ? 1 : x.dims[k++]);
  return dims;
}

export const Unsqueeze = [
  // axes was a required attribute until opset 13
  ...[1, 11].map((since) =>
    defineOp('Unsqueeze', since, (ctx) => {
      const axes = ctx.attrs.required('axes', ctx.attrs.ints('axes'));
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'data');
        return [x.reshape(unsqueezeDims(x, axes))];
      };
    }),
  ),
  ...[13, 21, 23, 24, 25].map((since) =>
    defineOp('Unsqueeze', since, () => (inputs) => {
      const x = tensorInput(inputs, 0, 'data');
      return [x.reshape(unsqueezeDims(x, readInts(tensorInput(inputs, 1, 'axes'))))];
    }),
  ),
];
