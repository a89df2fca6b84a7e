// Scales and zero points of the QOperator ops (QLinearAdd, QLinearSigmoid, ...): onnxruntime
// takes each as one value (a scalar or a 1-element tensor), scales float32, zero points of the
// quantized type (0 when omitted); uint8 and int8 data.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { roundHalfEven } from '../helpers/round-half-even.js';

export type QuantizedType = 'uint8' | 'int8';

export const QUANT_RANGE: Record<QuantizedType, readonly [number, number]> = { uint8: [0, 255], int8: [-128, 127] };

/** The element type of quantized input `what`; throws unless uint8 or int8. */
export function quantizedType(op: string, t: Tensor, what: string): QuantizedType {
  if (t.type !== 'uint8' && t.type !== 'int8') throw new InvalidInputError(`${op}: ${what} must be uint8 or int8, got ${t.type}`, what);
  return t.type;
}

/** A float32 scale given as one value. */
export function scaleValue(op: string, t: Tensor, what: string): number {
  if (t.type !== 'float32') throw new InvalidInputError(`${op}: ${what} must be float32, got ${t.type}`, what);
  if (t.size !== 1) throw new InvalidInputError(`${op}: ${what} must be a scalar or a 1-element tensor, got shape [${t.dims}]`, what);
  return (t.data as Float32Array)[0];
}

/** A zero point of `type` given as one value; 0 when omitted. */
export function zeroPointValue(op: string, t: Tensor | undefined, type: QuantizedType, what: string): number {
  if (!t) return 0;
  if (t.type !== type) throw new InvalidInputError(`${op}: ${what} must be ${type} like the data, got ${t.type}`, what);
  if (t.size !== 1) throw new InvalidInputError(`${op}: ${what} must be a scalar or a 1-element tensor, got shape [${t.dims}]`, what);
  return (t.data as Uint8Array | Int8Array)[0];
}

/**
 * float32 `y` quantized with `scale` and `zeroPoint` as onnxruntime's MLAS does it: divide,
 * clamp to the range the zero point leaves, round half to even, add the zero point.
 */
export function quantizeValue(y: number, scale: number, zeroPoint: number, type: QuantizedType): number {
  const [lo, hi] = QUANT_RANGE[type];
  let v = Math.fround(y / scale);
  // a NaN fails both comparisons of SSE's max/min and ends at the low end, as there
  if (!(v >= lo - zeroPoint)) v = lo - zeroPoint;
  else if (v > hi - zeroPoint) v = hi - zeroPoint;
  return roundHalfEven(v) + zeroPoint;
}

/** Values rounded to integers, saturated to `type` and stored. */
export function saturate(type: QuantizedType, v: number): number {
  const [lo, hi] = QUANT_RANGE[type];
  return v < lo ? lo : v > hi ? hi : v;
}

export function allocQuantized(type: QuantizedType, size: number): Uint8Array | Int8Array {
  return type === 'uint8' ? new Uint8Array(size) : new Int8Array(size);
}
