import { defineOpVersions } from '../define.js';
import { broadcastShapes, stridesOf } from '../helpers/shape.js';
import { stridedTensor } from '../helpers/strided-copy.js';
import { readInts, tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

/** `x` broadcast to `dims` (which it must broadcast to): broadcast axes read with stride 0. */
export function broadcastTo(x: Tensor, dims: readonly number[]): Tensor {
  const pad = dims.length - x.dims.length;
  const xs = stridesOf(x.dims);
  const strides = dims.map((_, k) => (k < pad || x.dims[k - pad] === 1 ? 0 : xs[k - pad]));
  return stridedTensor(x, { offset: 0, dims, strides });
}

// Bidirectional broadcast: a 1 in `shape` keeps the input's dimension.
export const Expand = defineOpVersions('Expand', [8, 13], () => (inputs) => {
  const x = tensorInput(inputs, 0, 'input');
  const shape = readInts(tensorInput(inputs, 1, 'shape'));
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new InvalidInputError(`Expand: invalid shape [${shape}]`);
  const dims = broadcastShapes(x.dims, shape);
  checkedOutputShape(dims, x.type, 'Expand');
  return [broadcastTo(x, dims)];
});
