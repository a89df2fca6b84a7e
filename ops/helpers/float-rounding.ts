// Rounding a float64 to a narrower float type, for computations the spec asks to carry out in
// that type's precision (and for printing its values).
import { type DataType, ENCODED_FLOAT_TYPES } from '../../data/dtype.js';
import { decodeFloatBits, encodeFloatBits } from '../../data/float-codecs.js';

const identity = (v: number) => v;

/** v -> the nearest value of float type `type` (identity for float64 and non-float types). */
export function roundToFloatType(type: DataType): (v: number) => number {
  if (type === 'float32') return Math.fround;
  if (ENCODED_FLOAT_TYPES.has(type)) {
    const enc = encodeFloatBits(type, true), dec = decodeFloatBits(type);
    return (v) => dec(enc(v));
  }
  return identity;
}
