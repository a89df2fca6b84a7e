// Session and run options, with onnxruntime-common 1.30's names and types. Each field says what
// it does here; the ones marked "accepted" exist so options written for onnxruntime type-check
// and run unchanged, and have no effect in a pure-JavaScript runtime.
import type { ExecutionProviderConfig } from './execution-provider-options.js';
import type { DataLocation } from '../../data/tensor.js';

/** onnxruntime's levels; 'layout' (its NCHWc layout transforms) runs our 'extended' passes, having none of its own. */
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'layout' | 'all';

/** An external data file: its bytes, a Blob, or a path (Node) or URL (browsers) to read them from. */
export type ExternalDataFile = string | Blob | Uint8Array | ArrayBufferLike;

/**
 * External data for a model given as bytes, as in onnxruntime-web: `{ path, data }` with `path`
 * as the model names the file, or just the path, read from beside the model file (or the
 * working directory, or fetched, where the model came as bytes).
 */
export type ExternalDataOption = { path: string; data: ExternalDataFile } | string;

/** Where outputs are returned: see SessionOptions.preferredOutputLocation. */
export type OutputLocation = DataLocation;

export interface SessionOptions {
  /** Providers in order of preference, e.g. ['wasm'] or ['webgpu', 'wasm']; see select-providers.ts. */
  executionProviders?: readonly ExecutionProviderConfig[];
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** Threads for intra-op parallelism (the wasm provider's workers; default env.wasm.numThreads, else one per core). */
  intraOpNumThreads?: number;
  /** Accepted: nodes run one at a time, so there is no inter-op pool to size. */
  interOpNumThreads?: number;
  /**
   * Fixes symbolic input dimensions (dim_param) by name, e.g. `{ batch: 1 }`, before the graph is
   * optimized and its memory planned, as onnxruntime does. Input metadata shows the fixed size, and
   * a feed whose dimension differs is refused with an InvalidInputError naming input and dimension.
   */
  freeDimensionOverrides?: { readonly [dimensionName: string]: number };
  /** Whether freed intermediate buffers are pooled for reuse (default true). */
  enableCpuMemArena?: boolean;
  /** Whether runs write intermediates into the static memory plan's arena, planned once per input shape (default true). */
  enableMemPattern?: boolean;
  /** Accepted: 'parallel' runs the nodes in order too (intra-op threads are where this runtime parallelises). */
  executionMode?: 'sequential' | 'parallel';
  /** Write the optimized graph here as an .onnx file (fused ops in the 'onnx-ts' domain); Node only. */
  optimizedModelFilePath?: string;
  /** Profile from creation on, in onnxruntime's Chrome-trace format (see session.endProfiling()). */
  enableProfiling?: boolean;
  /** The profile file's name before `_<date>_<time>.json` (default "onnx-ts_profile"). */
  profileFilePrefix?: string;
  /** Names the session in its log lines. */
  logId?: string;
  /** 0 verbose, 1 info, 2 warning (default: env.logLevel), 3 error, 4 fatal. */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** Accepted: there are no verbosity levels beyond logSeverityLevel here. */
  logVerbosityLevel?: number;
  /**
   * Where outputs are returned: 'cpu' (default) or 'gpu-buffer', for all outputs or per output name.
   * 'gpu-buffer' with the gpu provider returns float32 outputs as tensors on the device (read them
   * with `await t.getData()`, free them with `t.dispose()`), without the download; other element
   * types, which the gpu provider does not hold, come back on the CPU. Without a gpu provider
   * (none asked for, or none available), outputs come back on the CPU, with one warning at
   * creation. 'cpu-pinned' is 'cpu' here; 'texture' is refused, 'ml-tensor' is 'cpu' as WebNN is.
   */
  preferredOutputLocation?: OutputLocation | { readonly [outputName: string]: OutputLocation };
  /** Accepted: there is no graph capture; each run dispatches its GPU kernels anew. */
  enableGraphCapture?: boolean;
  /** Accepted: onnxruntime's session config entries (e.g. `session.disable_prepacking`) have no counterpart here. */
  extra?: Record<string, unknown>;
  externalData?: readonly ExternalDataOption[];
  /** Most bytes of tensors (constants included) one run may hold at once; default half the system memory, at most 8 GiB. */
  maxSessionBytes?: number;
  /** Largest single tensor the session may create, in bytes; default 2 GiB. */
  maxTensorBytes?: number;
}

export interface RunOptions {
  /**
   * This run's log level (default: the session's). At 1 (info) the run logs one summary line
   * (time, nodes, fallbacks to reference kernels); at 0 (verbose), one line per node as well.
   */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** As in onnxruntime: kept for parity, no verbosity levels beyond logSeverityLevel here. */
  logVerbosityLevel?: number;
  /** Names the run in its log lines. */
  tag?: string;
  /**
   * As in onnxruntime: set to true (also while the run is in flight) to stop it before its next
   * node with a RunTerminatedError; the session stays usable.
   */
  terminate?: boolean;
  /** Stops the run before its next node once aborted, like `terminate`. */
  signal?: AbortSignal;
  /** Accepted: onnxruntime's run config entries (e.g. `memory.enable_memory_arena_shrinkage`) have no counterpart here. */
  extra?: Record<string, unknown>;
}
