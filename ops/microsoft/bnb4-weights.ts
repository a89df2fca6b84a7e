// bitsandbytes' 4-bit weight format (MatMulBnb4), unpacked to float32 [N, K]: the N x K
// weights, flattened row-major, split into blocks of block_size with one float absmax each;
// every value is a 4-bit code (high nibble first) into the FP4 or NF4 table, times its block's
// absmax.
import type { Tensor } from '../../data/tensor.js';
import { computeView } from '../helpers/values.js';
import type { InputFault } from './nbits-weights.js';

export const FP4 = 0;
export const NF4 = 1;

const f = Math.fround;

/** FP4 codes (sign, 2-bit exponent, 1-bit mantissa, scaled so 1.0 is the largest). */
const FP4_VALUES = Float32Array.from([
  0, f(0.0625 / 12), f(8 / 12), 1, f(4 / 12), f(6 / 12), f(2 / 12), f(3 / 12),
  -0, -f(0.0625 / 12), -f(8 / 12), -1, -f(4 / 12), -f(6 / 12), -f(2 / 12), -f(3 / 12),
]);

/** NF4 codes: the 16 quantiles of a normal distribution scaled to [-1, 1] (QLoRA). */
const NF4_VALUES = Float32Array.from([
  -1, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
  -0.18477343022823334, -0.09105003625154495, 0, 0.07958029955625534, 0.16093020141124725,
  0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
  0.7229568362236023, 1,
]);

export function dequantizeBnb4(
  b: Tensor, absmax: Tensor, N: number, K: number, blockSize: number, quantType: number, fault: InputFault,
): Float32Array {
  const count = N * K;
  const blocks = Math.ceil(count / blockSize);
  if (b.type !== 'uint8' || b.size !== Math.ceil(count / 2)) {
    throw fault(`B must be uint8 holding ${Math.ceil(count / 2)} bytes (N=${N} x K=${K} 4-bit values), got ${b.type} [${b.dims}]`, 'B');
  }
  if ((absmax.type !== 'float32' && absmax.type !== 'float16') || absmax.size !== blocks) {
    throw fault(`absmax must hold ${blocks} floats (one per block of ${blockSize}), got ${absmax.type} [${absmax.dims}]`, 'absmax');
  }
  const codes = quantType === FP4 ? FP4_VALUES : NF4_VALUES;
  const q = b.data as Uint8Array;
  const scale = computeView(absmax) as Float32Array;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const byte = q[i >> 1];
    out[i] = codes[i & 1 ? byte & 15 : byte >> 4] * scale[(i / blockSize) | 0];
  }
  return out;
}
