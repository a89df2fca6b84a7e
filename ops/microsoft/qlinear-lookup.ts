// QOperator ops whose output depends on one input element only (QLinearSigmoid,
// QLinearLeakyRelu, and the requantizing copies of QLinearConcat and QLinearWhere) map each of
// the 256 possible input bytes once: dequantize, apply the float function, quantize. The table
// is indexed by the raw byte, so int8 -1 is entry 255.
import { type QuantizedType, allocQuantized, quantizeValue } from './qlinear-params.js';

export interface QuantParams {
  scale: number;
  zeroPoint: number;
}

/** `fn` maps 256 dequantized float32 values to float32 results, in place or not. */
export type FloatArrayFn = (x: Float32Array) => Float32Array;

export function buildLookupTable(type: QuantizedType, x: QuantParams, y: QuantParams, fn: FloatArrayFn): Uint8Array | Int8Array {
  const dequantized = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const v = type === 'int8' ? (i << 24) >> 24 : i;
    dequantized[i] = x.scale * (v - x.zeroPoint);
  }
  const results = fn(dequantized);
  const table = allocQuantized(type, 256);
  for (let i = 0; i < 256; i++) table[i] = quantizeValue(results[i], y.scale, y.zeroPoint, type);
  return table;
}

/** Output element i is table[byte of input element i]. */
export function applyLookupTable(table: Uint8Array | Int8Array, input: Uint8Array | Int8Array, out: Uint8Array | Int8Array, outStart = 0): void {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.length);
  for (let i = 0; i < bytes.length; i++) out[outStart + i] = table[bytes[i]];
}

export const identity: FloatArrayFn = (x) => x;

/** Whether requantizing from `x` to `y` changes nothing (the same scale and zero point). */
export function sameQuantization(x: QuantParams, y: QuantParams): boolean {
  return x.scale === y.scale && x.zeroPoint === y.zeroPoint;
}
