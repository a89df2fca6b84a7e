// The one check every op runs on an output shape it computed from data (a shape input, repeats,
// scales, pads, a count), before it allocates anything: see data/allocation-guard.ts.
import { type DataType, bytesPerElement } from '../../data/dtype.js';
import { checkAllocation, checkShapeAllocation, currentMaxTensorBytes } from '../../data/allocation-guard.js';
import { ResourceLimitError } from '../../data/errors.js';

/**
 * The element count of an output of shape `dims` and element type `type`, once it is known to
 * fit maxTensorBytes. `what` names the op (and the output, where there are several).
 */
export function checkedOutputShape(dims: readonly number[], type: DataType, what: string): number {
  return checkShapeAllocation(dims, bytesPerElement(type), what, type);
}

/**
 * Per-element cost of a sequence entry or a JS-side tensor object beyond its data (the Tensor,
 * its typed-array view, the array slot), charged so that a sequence of millions of tiny
 * tensors counts as the memory it really takes.
 */
export const SEQUENCE_ENTRY_BYTES = 256;

/** Refuses a sequence (or list of per-iteration values) of `length` entries that the limit cannot hold. */
export function checkSequenceLength(length: number, what: string): void {
  checkAllocation(length, SEQUENCE_ENTRY_BYTES, `${what} sequence`);
}

/**
 * Refuses a string output whose characters (UTF-16, 2 bytes each) and slots together exceed
 * maxTensorBytes: string ops can multiply text (StringConcat under broadcasting) while their
 * element count stays small.
 */
export function checkStringBytes(elements: number, characters: number, what: string): void {
  const bytes = elements * bytesPerElement('string') + 2 * characters;
  const limit = currentMaxTensorBytes();
  if (!(bytes <= limit)) {
    throw new ResourceLimitError(`${what}: ${elements} strings of ${characters} characters in all need ${bytes} bytes, over the limit of ${limit} bytes (maxTensorBytes)`, bytes, limit);
  }
}
