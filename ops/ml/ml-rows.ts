// Reading the [N, C] (or [C], taken as [1, C]) numeric inputs of the ai.onnx.ml models.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { numbersOf } from '../helpers/values.js';

export interface Rows {
  n: number;
  c: number;
  data: ArrayLike<number>;
}

export function readRows(op: string, x: Tensor): Rows {
  if (x.type === 'string' || x.type === 'bool') throw new InvalidInputError(`${op}: X must be numeric, got ${x.type}`);
  if (x.dims.length === 1) return { n: 1, c: x.dims[0], data: numbersOf(x) };
  if (x.dims.length === 2) return { n: x.dims[0], c: x.dims[1], data: numbersOf(x) };
  // higher ranks: every axis but the last is a batch axis
  if (x.dims.length === 0) throw new InvalidInputError(`${op}: X must be [N, C] or [C], got a scalar`);
  const c = x.dims[x.dims.length - 1];
  return { n: c === 0 ? 0 : x.size / c, c, data: numbersOf(x) };
}
