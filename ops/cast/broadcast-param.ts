// Quantization parameters (scales, zero points) broadcast numpy-style over a result shape.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { broadcastIndex, broadcastShapes, sameDims } from '../helpers/shape.js';
import { numbersOf } from '../helpers/values.js';

export interface BroadcastParam {
  values: ArrayLike<number>;
  /** Element i of the result uses values[index[i]]; null when a single value applies everywhere. */
  index: Int32Array | null;
}

/**
 * `param` laid out as `paramDims` (its own shape unless the caller aligns a per-row or
 * per-channel vector) and broadcast to `dims`; absent, it is the single value `fallback`.
 */
export function broadcastParam(
  param: Tensor | undefined, dims: readonly number[], what: string,
  paramDims: readonly number[] = param?.dims ?? [], fallback = 0,
): BroadcastParam {
  if (!param) return { values: [fallback], index: null };
  const values = numbersOf(param);
  if (param.size === 1) return { values, index: null };
  let fits = false;
  try {
    fits = sameDims(broadcastShapes(dims, paramDims), dims);
  } catch {
    fits = false;
  }
  if (!fits) throw new InvalidInputError(`${what} of shape [${param.dims}] does not broadcast to shape [${dims}]`);
  return { values, index: broadcastIndex(dims, paramDims) };
}

/** Shape that makes a per-row vector of length `rows` broadcast over [..., rows, cols]. */
export function perRowDims(param: Tensor | undefined, rows: number): readonly number[] | undefined {
  if (!param || param.dims.length !== 1 || param.size === 1 || param.dims[0] !== rows) return param?.dims;
  return [rows, 1];
}

/** Shape that makes a per-output-channel vector (axis 0) broadcast over a tensor of `rank`. */
export function perChannelDims(param: Tensor | undefined, rank: number): readonly number[] | undefined {
  if (!param || param.dims.length !== 1 || param.size === 1) return param?.dims;
  return [param.dims[0], ...new Array<number>(rank - 1).fill(1)];
}
