// Public API: the same names and shapes as onnxruntime-common, so switching is one import.
export { InferenceSession } from './inference-session.js';
export type { FeedsType, ReturnType, ValueMetadata, RunOptions, SessionOptions } from './inference-session.js';
export { Tensor } from '../data/tensor.js';
export { env } from './env.js';
export type { Env, LogLevel } from './env.js';
export type { OnnxValue, OnnxSequence, OnnxMap, DataLocation } from '../data/tensor.js';
export type { DataType } from '../data/dtype.js';
export type { MemoryPlan, PlannedBuffer } from '../graph/plan-memory.js';
export type { MemoryStats } from './session/run-memory.js';
export {
  OnnxError, ModelLoadError, InvalidModelError, UnsupportedOperatorError, InvalidInputError,
  ResourceLimitError, ExecutionError, SessionReleasedError, RunTerminatedError,
} from '../data/errors.js';
