// Resource limits applied while loading and running a model. Defaults are generous for real
// models and stop hostile ones (a few bytes asking for terabytes) before they allocate.
import { ResourceLimitError } from '../data/errors.js';
import { type DataType, bytesPerElement } from '../data/dtype.js';
import { defaultMaxTensorBytes } from '../data/allocation-guard.js';
import { host } from '../data/platform/host.js';

export interface ResourceLimits {
  /** Largest single tensor, in bytes. */
  maxTensorBytes: number;
  /** Deepest nesting of subgraphs (If/Loop/Scan bodies within bodies). */
  maxGraphNesting: number;
}

export function defaultLimits(): ResourceLimits {
  return { maxTensorBytes: defaultMaxTensorBytes(), maxGraphNesting: 32 };
}

/** The default maxSessionBytes is this share of the machine's memory... */
export const SESSION_MEMORY_SHARE = 0.5;
/** ...and never more than this, however big the machine: a run of an untrusted model stays bounded. */
export const SESSION_BYTES_CEILING = 8 * 2 ** 30;

/** What one run may hold at once (constants included) unless SessionOptions.maxSessionBytes says otherwise. */
export function defaultMaxSessionBytes(totalMemoryBytes = host.totalMemoryBytes()): number {
  return Math.min(Math.floor(totalMemoryBytes * SESSION_MEMORY_SHARE), SESSION_BYTES_CEILING);
}

/** Element count of dims, refusing negative, fractional or overflowing sizes. */
export function checkedElementCount(dims: readonly number[], what: string): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new ResourceLimitError(`${what}: invalid dimension ${d} in [${dims}]`);
    n *= d;
    if (!Number.isSafeInteger(n)) throw new ResourceLimitError(`${what}: element count of [${dims}] overflows 2^53`);
  }
  return n;
}

export function checkTensorSize(type: DataType, dims: readonly number[], limits: ResourceLimits, what: string): number {
  const n = checkedElementCount(dims, what);
  const bytes = n * bytesPerElement(type);
  if (bytes > limits.maxTensorBytes) {
    throw new ResourceLimitError(
      `${what}: a ${type} tensor of shape [${dims}] needs ${bytes} bytes, over the limit of ${limits.maxTensorBytes} bytes (maxTensorBytes)`,
      bytes,
      limits.maxTensorBytes,
    );
  }
  return n;
}
