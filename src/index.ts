// Public API: the same names and shapes as onnxruntime-common, so switching is one import.
export { InferenceSession } from './inference-session.js';
export type { FeedsType, ReturnType, ValueMetadata, RunOptions, SessionOptions } from './inference-session.js';
export type { GraphOptimizationLevel, ExternalDataOption, OutputLocation } from './session/session-options.js';
export type { ExecutionProviderConfig, ExecutionProviderName, ExecutionProviderOption } from './session/execution-provider-options.js';
import { Tensor as TensorClass } from '../data/tensor.js';
import type { TensorConstructor } from '../data/tensor-constructor.js';

/** The Tensor class, typed as onnxruntime-common types it: each constructor and factory returns a TypedTensor of its element type. */
export const Tensor = TensorClass as TensorConstructor;
export type Tensor = TensorClass;
export type { TypedTensor } from '../data/tensor.js';
export { env } from './env.js';
export { registerBackend } from './register-backend.js';
// in env.wasm.proxy's worker, serves the page's sessions (nothing is loaded elsewhere)
import './proxy/start-proxy-worker.js';
export type { Env, LogLevel } from './env.js';
export { TRACE, TRACE_FUNC_BEGIN, TRACE_FUNC_END, TRACE_EVENT_BEGIN, TRACE_EVENT_END } from './trace.js';
export type { OnnxValue, OnnxSequence, OnnxMap, DataLocation } from '../data/tensor.js';
export type { DataType } from '../data/dtype.js';
export type { MemoryPlan, PlannedBuffer } from '../graph/plan-memory.js';
export type { MemoryStats } from './session/run-memory.js';
export {
  OnnxError, ModelLoadError, InvalidModelError, UnsupportedOperatorError, InvalidInputError,
  ResourceLimitError, ExecutionError, SessionReleasedError, RunTerminatedError, MissingPackageError, DeviceUnavailableError,
} from '../data/errors.js';
