// Scale and bias operands of the normalizations over trailing axes (LayerNormalization,
// RMSNormalization): they broadcast to the normalized (trailing) shape, so one vector of the
// normalized block's length serves every block.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { type FloatArray, floatData } from '../helpers/float-data.js';
import { broadcastIndex, sameDims, sizeOf } from '../helpers/shape.js';

/** `t` expanded to one value per element of a block of shape `trailing`. */
export function trailingOperand(t: Tensor, trailing: readonly number[], what: string): FloatArray | Float64Array {
  const values = floatData(t, what);
  let dims = [...t.dims];
  // leading size-1 axes beyond the normalized rank broadcast away
  while (dims.length > trailing.length && dims[0] === 1) dims = dims.slice(1);
  const fits = dims.length <= trailing.length
    && dims.every((d, i) => d === 1 || d === trailing[trailing.length - dims.length + i]);
  if (!fits) {
    throw new InvalidInputError(`${what} of shape [${t.dims}] does not broadcast to the normalized shape [${trailing}]`);
  }
  if (sameDims(dims, trailing)) return values;
  const idx = broadcastIndex(trailing, dims);
  const out = new Float64Array(sizeOf(trailing));
  for (let i = 0; i < out.length; i++) out[i] = values[idx[i]];
  return out;
}
