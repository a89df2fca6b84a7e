// Index values read from tensors (Gather, Scatter, OneHot, ...): negative indices count from the
// end, and anything outside [-size, size) is the caller's mistake, reported before any read or
// write happens.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

/** Maps `index` into [0, size); throws InvalidInputError naming the op, the index and the valid range. */
export function resolveIndex(op: string, index: number, size: number, where = ''): number {
  if (index < -size || index >= size || !Number.isInteger(index)) {
    const range = size > 0 ? `[${-size}, ${size - 1}]` : 'empty (the axis has size 0)';
    throw new InvalidInputError(`${op}: index ${index}${where ? ` ${where}` : ''} is out of range; valid indices are ${range}`);
  }
  return index < 0 ? index + size : index;
}

/** The values of an int32/int64 index tensor as numbers. */
export function indexValues(op: string, t: Tensor, what = 'indices'): ArrayLike<number> {
  const d = t.data;
  if (d instanceof Int32Array) return d;
  if (d instanceof BigInt64Array) {
    const out = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = Number(d[i]);
    return out;
  }
  throw new InvalidInputError(`${op}: ${what} must be int32 or int64, got ${t.type}`);
}

/** Every value of an index tensor resolved against one axis of size `size`. */
export function resolveIndices(op: string, t: Tensor, size: number, where = ''): Int32Array {
  const v = indexValues(op, t);
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = resolveIndex(op, v[i], size, where);
  return out;
}
