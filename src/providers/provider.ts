// The seam between the session and the kernels. A provider says which (domain, op, opset)
// it can run and where its tensors live; the session assigns each node to the first
// provider in `executionProviders` that supports it.
import type { DataLocation } from '../../data/tensor.js';
import type { OpDefinition } from '../../ops/types.js';
import type { ArenaMemory } from '../../data/arena-block.js';

export interface ExecutionProvider {
  readonly name: string;
  /** Where this provider's kernels read and write tensor data. */
  readonly location: DataLocation;
  resolve(domain: string, opType: string, opset: number): OpDefinition | undefined;
  /** Human-readable supported versions of an op, for error messages. */
  versions(domain: string, opType: string): string;
  /**
   * Optional asynchronous set-up (device detection) before the session binds nodes; throwing
   * means the provider is unavailable, and the session falls back to the next one.
   */
  initialize?(options: { logSeverityLevel: number }): Promise<void>;
  /** Memory its kernels use in place, where a session's runs may put their arena (see session/arena-memory.ts). */
  arenaMemory?(): ArenaMemory | undefined;
}

/** What a provider accelerates, op by op: its `ops.ts` exports one (`npm run docs:ops` reads them). */
export interface SupportTable {
  entries(): { domain: string; opType: string; versions: number[] }[];
}
