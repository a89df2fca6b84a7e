// Reading the sequence and position inputs shared by the sequence ops.
import type { OnnxValue } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { tensorInput } from '../helpers/values.js';
import type { KernelInput } from '../types.js';

export function sequenceInput(inputs: KernelInput[], index: number, what = 'input_sequence'): OnnxValue[] {
  const v = inputs[index];
  if (!Array.isArray(v)) {
    throw new InvalidInputError(`${what} must be a sequence, got ${v === undefined || v === null ? 'nothing' : 'a non-sequence value'}`);
  }
  return v;
}

/**
 * The scalar `position` input resolved against a sequence of `length`: negative counts from
 * the back; the accepted range is [-length, length - 1], or [-length, length] when `allowEnd`.
 */
export function positionInput(inputs: KernelInput[], index: number, length: number, allowEnd = false): number {
  const t = tensorInput(inputs, index, 'position');
  if (t.size !== 1) throw new InvalidInputError(`position must be a scalar, got shape [${t.dims}]`);
  const p = Number(t.data[0] as number | bigint);
  const hi = allowEnd ? length : length - 1;
  if (p < -length || p > hi) {
    throw new InvalidInputError(`position ${p} is out of range [${-length}, ${hi}] for a sequence of length ${length}`);
  }
  return p < 0 ? p + length : p;
}
