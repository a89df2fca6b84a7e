// Rounding intermediate float64 values to a narrower float type, where an op's definition
// casts an intermediate result (Attention's softmax_precision and its probabilities).
import type { DataType } from '../../data/dtype.js';
import { decodeFloatBits, encodeFloatBits } from '../../data/float-codecs.js';

export function roundToType(buf: Float64Array, off: number, len: number, type: DataType): void {
  if (type === 'float64') return;
  if (type === 'float32') {
    for (let i = off; i < off + len; i++) buf[i] = Math.fround(buf[i]);
    return;
  }
  const enc = encodeFloatBits(type);
  const dec = decodeFloatBits(type);
  for (let i = off; i < off + len; i++) buf[i] = dec(enc(buf[i]));
}
