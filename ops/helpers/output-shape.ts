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
 * What a sequence entry (or per-iteration value) is charged beyond its data: the Tensor, its
 * typed array and the array slot take ~400 bytes of heap, and making one takes 3-6 us, as long
 * as copying a few KiB. Charged at 4 KiB, a run's bytes limit also bounds how long a kernel
 * making millions of tiny tensors runs (one is not interrupted): the fuzzer's 1 GiB recipe
 * allows 256K entries, about a second, where 256 bytes allowed 4M (a fuzzed SplitToSequence
 * of 2^20 ran 5 s of CPU, 20 s on a loaded machine).
 */
export const SEQUENCE_ENTRY_BYTES = 4096;

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
