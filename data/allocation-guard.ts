// A ceiling on single-tensor allocations while a session runs, so a model cannot make the
// process allocate tens of gigabytes (e.g. ConstantOfShape fed a huge shape at run time).
// The limit follows the async call chain of each session.run (AsyncLocalStorage on Node), so
// sessions with different limits can run concurrently.
//
// Ops that compute an output shape from data check the shape here before they allocate
// anything (checkShapeAllocation), so an absurd shape is refused with the shape, the bytes and
// the limit in the message, never by the engine's own RangeError from a typed-array constructor.
import { host } from './platform/host.js';
import { InvalidInputError, ResourceLimitError } from './errors.js';

/** What a browser tab can allocate for one array anyway; models needing bigger tensors raise it. */
const DEFAULT_MAX_TENSOR_BYTES = 2 ** 31;

/**
 * Longest array V8 creates (typed arrays take 2^32 elements, plain arrays 2^32 - 1): past it
 * the constructor throws a RangeError whatever the limit says.
 */
export const MAX_ARRAY_ELEMENTS = 2 ** 32 - 1;

const current = host.numberSlot();

export function defaultMaxTensorBytes(): number {
  return DEFAULT_MAX_TENSOR_BYTES;
}

export function withAllocationLimit<T>(maxTensorBytes: number, fn: () => T): T {
  return current.run(maxTensorBytes, fn);
}

/** The per-tensor limit in force for the running session (or the default outside one). */
export function currentMaxTensorBytes(): number {
  return current.get() ?? DEFAULT_MAX_TENSOR_BYTES;
}

function engineLimitError(what: string, count: number, shape = ''): ResourceLimitError {
  return new ResourceLimitError(`A ${what}${shape} of ${count} elements is longer than the largest array this JavaScript engine can create (${MAX_ARRAY_ELEMENTS} elements)`);
}

/** Throws ResourceLimitError if `count` elements of `bytesPerElement` exceed the limit in force. */
export function checkAllocation(count: number, bytesPerElement: number, what = 'tensor'): void {
  const limit = currentMaxTensorBytes();
  if (!Number.isSafeInteger(count) || count < 0) {
    const bytes = count * bytesPerElement;
    throw new ResourceLimitError(`Cannot allocate a ${what} of ${count} elements`, Number.isNaN(bytes) ? undefined : bytes, limit);
  }
  const bytes = count * bytesPerElement;
  if (bytes > limit) {
    throw new ResourceLimitError(`A ${what} of ${count} elements (${bytes} bytes) exceeds the limit of ${limit} bytes (maxTensorBytes)`, bytes, limit);
  }
  if (count > MAX_ARRAY_ELEMENTS) throw engineLimitError(what, count);
}

/**
 * Checks that a tensor of shape `dims` may be allocated, before anything is: every dimension
 * a non-negative integer, the element count finite and exact, its bytes within `limit`.
 * Negative, fractional and NaN dimensions are invalid input; infinite or merely huge ones
 * (a scale of Infinity, a count of 2^63) exceed the limit. Returns the element count.
 */
export function checkShapeBytes(
  dims: readonly number[], bytesPerElement: number, limit: number, what: string, typeName?: string, limitName = 'maxTensorBytes',
): number {
  const shape = `[${dims}]`;
  const tensor = typeName ? `a ${typeName} tensor of shape ${shape}` : `a tensor of shape ${shape}`;
  let count = 1;
  let zero = false;
  for (const d of dims) {
    if (Number.isNaN(d) || d < 0 || (Number.isFinite(d) && !Number.isInteger(d))) {
      throw new InvalidInputError(`${what}: dimension ${d} of ${shape} is not a non-negative integer`);
    }
    if (d === 0) zero = true;
    count *= d;
  }
  const huge = dims.some((d) => d > Number.MAX_SAFE_INTEGER);
  if (zero && !huge) return 0;
  const bytes = count * bytesPerElement;
  if (huge || !Number.isSafeInteger(count) || bytes > limit) {
    throw new ResourceLimitError(`${what}: ${tensor} needs ${bytes} bytes, over the limit of ${limit} bytes (${limitName})`, bytes, limit);
  }
  if (count > MAX_ARRAY_ELEMENTS) throw engineLimitError(typeName ? `${typeName} tensor` : 'tensor', count, ` of shape ${shape}`);
  return count;
}

/** checkShapeBytes against the per-tensor limit in force (maxTensorBytes of the running session). */
export function checkShapeAllocation(dims: readonly number[], bytesPerElement: number, what: string, typeName?: string): number {
  return checkShapeBytes(dims, bytesPerElement, currentMaxTensorBytes(), what, typeName);
}
