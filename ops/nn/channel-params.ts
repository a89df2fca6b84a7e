// Per-channel parameter vectors of the N x C x D1... normalizations (BatchNormalization,
// InstanceNormalization, GroupNormalization), checked against the channel count.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { type FloatArray, floatData } from '../helpers/float-data.js';

export function channelParam(t: Tensor, count: number, what: string, expected = `[${count}]`): FloatArray {
  if (t.size !== count) {
    throw new InvalidInputError(`${what} must have shape ${expected}, got [${t.dims}]`);
  }
  return floatData(t, what);
}

/** N, C and the spatial size (product of the remaining axes) of an N x C x D1... input. */
export function channelLayout(dims: readonly number[], what = 'X'): { n: number; c: number; spatial: number } {
  if (dims.length < 2) throw new InvalidInputError(`${what} must have at least 2 dimensions (N x C x ...), got [${dims}]`);
  let spatial = 1;
  for (let i = 2; i < dims.length; i++) spatial *= dims[i];
  return { n: dims[0], c: dims[1], spatial };
}
