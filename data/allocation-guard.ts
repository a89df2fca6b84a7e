// A ceiling on single-tensor allocations while a session runs, so a model cannot make the
// process allocate tens of gigabytes (e.g. ConstantOfShape fed a huge shape at run time).
// The limit follows the async call chain of each session.run (AsyncLocalStorage on Node), so
// sessions with different limits can run concurrently.
import { host } from './platform/host.js';
import { ResourceLimitError } from './errors.js';

const DEFAULT_MAX_TENSOR_BYTES = Math.min(Math.floor(host.totalMemoryBytes() / 2), 16 * 2 ** 30);

const current = host.numberSlot();

export function defaultMaxTensorBytes(): number {
  return DEFAULT_MAX_TENSOR_BYTES;
}

export function withAllocationLimit<T>(maxTensorBytes: number, fn: () => T): T {
  return current.run(maxTensorBytes, fn);
}

/** Throws ResourceLimitError if `count` elements of `bytesPerElement` exceed the limit in force. */
export function checkAllocation(count: number, bytesPerElement: number, what = 'tensor'): void {
  const limit = current.get() ?? DEFAULT_MAX_TENSOR_BYTES;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new ResourceLimitError(`Cannot allocate a ${what} of ${count} elements`);
  }
  const bytes = count * bytesPerElement;
  if (bytes > limit) {
    throw new ResourceLimitError(`A ${what} of ${count} elements (${bytes} bytes) exceeds the limit of ${limit} bytes (maxTensorBytes)`, bytes, limit);
  }
}
