// The Global*Pool ops: one value per N x C plane, over all of its spatial cells.
import type { NumberArray } from '../../data/number-array.js';
import type { Tensor } from '../../data/tensor.js';
import { sizeOf } from '../helpers/shape.js';
import { allocCompute, fromCompute } from '../helpers/values.js';
import { poolInput } from './pool-options.js';
import { poolValues } from './pool-types.js';

/** Reduces a plane of `size` cells starting at `base`. */
export type PlaneReduction = (src: NumberArray, base: number, size: number) => number;

export function globalPool(op: string, x: Tensor, reduce: PlaneReduction): Tensor {
  const src = poolValues(op, x);
  const { batch, channels, inShape } = poolInput(op, x);
  const size = sizeOf(inShape), planes = batch * channels;
  const y = allocCompute(x.type, planes) as NumberArray;
  for (let p = 0; p < planes; p++) y[p] = reduce(src, p * size, size);
  return fromCompute(x.type, y, [batch, channels, ...inShape.map(() => 1)]);
}
