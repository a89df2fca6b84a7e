// Quantized values minus their zero point, as float64 (exact for every integer type).
import type { Tensor } from '../../data/tensor.js';
import { numbersOf } from '../helpers/values.js';
import { broadcastParam } from './broadcast-param.js';

/** `t - zeroPoint`, the zero point laid out as `zpDims` and broadcast over `t`. */
export function minusZeroPoint(t: Tensor, zeroPoint: Tensor | undefined, what: string, zpDims?: readonly number[]): Float64Array {
  const out = Float64Array.from(numbersOf(t));
  if (!zeroPoint) return out;
  const { values, index } = broadcastParam(zeroPoint, t.dims, what, zpDims);
  if (index) for (let i = 0; i < out.length; i++) out[i] -= values[index[i]];
  else for (let i = 0, z = values[0]; i < out.length; i++) out[i] -= z;
  return out;
}
