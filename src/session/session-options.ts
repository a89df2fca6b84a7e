// Session options, with onnxruntime-common's names.
import type { ExecutionProviderOption } from '../providers/select-providers.js';

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface SessionOptions {
  /** Providers in order of preference, e.g. ['cpu']. */
  executionProviders?: readonly ExecutionProviderOption[];
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** Threads for intra-op parallelism (used by providers that have workers). */
  intraOpNumThreads?: number;
  /** 0 verbose, 1 info, 2 warning (default), 3 error, 4 fatal. */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** External data files for a model given as bytes, as in onnxruntime-web. */
  externalData?: readonly { path: string; data: Uint8Array | ArrayBuffer }[];
  /** Write the optimized graph here as an .onnx file (fused ops in the 'onnx-ts' domain). */
  optimizedModelFilePath?: string;
  /** Most bytes of tensors (constants included) one run may hold at once; default half the system memory, at most 8 GiB. */
  maxSessionBytes?: number;
  /** Largest single tensor the session may create, in bytes; default 2 GiB. */
  maxTensorBytes?: number;
  /**
   * As in onnxruntime: write intermediates into the static memory plan's arena, planned once
   * per input shape (default true).
   */
  enableMemPattern?: boolean;
  /** As in onnxruntime: keep freed intermediate buffers for reuse by size (default true). */
  enableCpuMemArena?: boolean;
  /** As in onnxruntime: profile from creation on, in its Chrome-trace format (see session.endProfiling()). */
  enableProfiling?: boolean;
  /** The profile file's name before `_<date>_<time>.json` (default "onnx-ts_profile"). */
  profileFilePrefix?: string;
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
}
