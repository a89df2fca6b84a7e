import { defineOp } from '../define.js';
import { normalizeAxis, stridesOf } from '../helpers/shape.js';
import { stridedTensor } from '../helpers/strided-copy.js';
import { readInts, readScalar, tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

/** Repeats `x` repeats[k] times along each axis k. */
export function tile(x: Tensor, repeats: readonly number[]): Tensor {
  const rank = x.dims.length;
  if (repeats.length !== rank || repeats.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new InvalidInputError(`Tile: repeats [${repeats}] must be ${rank} non-negative integers for input of shape [${x.dims}]`);
  }
  const outDims = x.dims.map((d, k) => d * repeats[k]);
  checkedOutputShape(outDims, x.type, 'Tile');
  // read as [r0, d0, r1, d1, ...] where the repeat axes have stride 0
  const xs = stridesOf(x.dims);
  const dims = x.dims.flatMap((d, k) => [repeats[k], d]);
  const strides = xs.flatMap((s) => [0, s]);
  return stridedTensor(x, { offset: 0, dims, strides }).reshape(outDims);
}

export const Tile = [
  // Tile-1 repeated along one axis: inputs (input, tiles, axis), both scalars
  defineOp('Tile', 1, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    const tiles = readScalar(tensorInput(inputs, 1, 'tiles'));
    const axis = normalizeAxis(readScalar(tensorInput(inputs, 2, 'axis')), x.dims.length, 'Tile axis');
    const repeats = x.dims.map((_, k) => (k === axis ? tiles : 1));
    return [tile(x, repeats)];
  }),
  ...[6, 13].map((since) =>
    defineOp('Tile', since, () => (inputs) => [tile(tensorInput(inputs, 0, 'input'), readInts(tensorInput(inputs, 1, 'repeats')))]),
  ),
];
