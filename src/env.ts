// `env`, as onnxruntime-common exports it: process-wide flags that libraries written for
// onnxruntime (transformers.js among them) read and set at load time.
//
// What each flag does here:
// - wasm.numThreads: the wasm provider's thread count for sessions that set no
//   intraOpNumThreads (0 or unset: one per available core, as before).
// - logLevel: the default logSeverityLevel of new sessions ('warning' = 2).
// - wasm.proxy: in a page's main thread, InferenceSession.create puts the session in a dedicated
//   worker behind the same API (src/proxy/); ignored in Node and inside workers.
// - webgl.context, webgpu.device: the gpu provider's graphics context and device (src/env-graphics.ts).
// - wasm.simd, wasm.wasmPaths, wasm.wasmBinary, wasm.initTimeout, wasm.trace, the other
//   webgl.* and webgpu.* flags, debug, trace: accepted and kept, without effect. The wasm
//   kernels are built into the package (nothing to fetch, so no path or binary to point at),
//   SIMD is used where the host has it, and the gpu provider picks its own adapter.
// - versions: `common` is the onnxruntime-common API this mirrors. There is deliberately no
//   `web` entry: transformers.js reads versions.web to point wasmPaths at onnxruntime-web's
//   files on a CDN, and onnx-ts has no such files to fetch.
import type { SessionOptions } from './session/session-options.js';
import { type WebGLFlags, type WebGpuFlags, webglFlags, webgpuFlags } from './env-graphics.js';

export type LogLevel = 'verbose' | 'info' | 'warning' | 'error' | 'fatal';

const LOG_LEVELS: readonly LogLevel[] = ['verbose', 'info', 'warning', 'error', 'fatal'];

export interface WasmFlags {
  numThreads?: number;
  simd?: boolean | 'fixed' | 'relaxed';
  trace?: boolean;
  initTimeout?: number;
  wasmPaths?: string | { wasm?: URL | string; mjs?: URL | string };
  wasmBinary?: ArrayBufferLike | Uint8Array;
  proxy?: boolean;
}

export interface Env {
  logLevel?: LogLevel;
  debug?: boolean;
  trace?: boolean;
  readonly versions: { readonly common: string; readonly web?: string; readonly node?: string; readonly 'react-native'?: string; readonly 'onnx-ts': string };
  readonly wasm: WasmFlags;
  readonly webgl: WebGLFlags;
  readonly webgpu: WebGpuFlags;
  [name: string]: unknown;
}

/** The onnxruntime-common release whose API this package follows. */
const COMMON_API_VERSION = '1.30.0';
const VERSION = '0.1.0';

let logLevelValue: LogLevel = 'warning';

export const env: Env = {
  wasm: {},
  webgl: webglFlags(),
  webgpu: webgpuFlags((message) => {
    if (LOG_LEVELS.indexOf(logLevelValue) <= LOG_LEVELS.indexOf('warning')) console.warn(`onnx-ts: ${message}`);
  }),
  versions: { common: COMMON_API_VERSION, 'onnx-ts': VERSION },
  set logLevel(value: LogLevel | undefined) {
    if (value === undefined) return;
    if (!LOG_LEVELS.includes(value)) throw new Error(`Unsupported logging level: ${String(value)}. Use one of ${LOG_LEVELS.join(', ')}`);
    logLevelValue = value;
  },
  get logLevel(): LogLevel {
    return logLevelValue;
  },
};
// enumerable, as in onnxruntime-common, so that `{ ...env }` copies it (transformers.js does)
Object.defineProperty(env, 'logLevel', { enumerable: true });

/** The session options with what `env` sets filled in where the options say nothing. */
export function withEnvDefaults(options: SessionOptions): SessionOptions {
  const threads = env.wasm.numThreads;
  return {
    ...options,
    logSeverityLevel: options.logSeverityLevel ?? (LOG_LEVELS.indexOf(logLevelValue) as 0 | 1 | 2 | 3 | 4),
    intraOpNumThreads: options.intraOpNumThreads ?? (typeof threads === 'number' && threads > 0 ? Math.floor(threads) : undefined),
  };
}
