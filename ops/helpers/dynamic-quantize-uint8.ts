// Quantizing a float32 tensor to uint8 with parameters from its own range (widened to hold 0),
// as DynamicQuantizeLinear defines it: scale = (max - min) / 255, zero_point =
// round(clamp(-min / scale, 0, 255)), q = clamp(round(x / scale) + zero_point), ties to even,
// float32 arithmetic. An all-zero tensor gets scale 1. Written once so a fast kernel that finds
// the range itself gets bit-identical parameters.
import { roundHalfEven } from './round-half-even.js';

export interface Uint8QuantParams {
  scale: number;
  zeroPoint: number;
}

export interface DynamicQuantized extends Uint8QuantParams {
  values: Uint8Array;
}

/** Scale and zero point for a range [min, max] that already holds 0. */
export function uint8QuantParams(min: number, max: number): Uint8QuantParams {
  const f = Math.fround;
  const scale = max === min ? 1 : f(f(max - min) / 255);
  const zeroPoint = roundHalfEven(Math.min(255, Math.max(0, f(0 - f(min / scale)))));
  return { scale, zeroPoint };
}

export function dynamicQuantizeUint8(x: Float32Array): DynamicQuantized {
  let max = 0, min = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const { scale, zeroPoint } = uint8QuantParams(min, max);
  const f = Math.fround;
  const values = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const q = roundHalfEven(f(x[i] / scale)) + zeroPoint;
    values[i] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  return { values, scale, zeroPoint };
}
