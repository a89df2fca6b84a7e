// onnx-ts as a backend of onnxruntime-common: code written against onnxruntime-common's own
// InferenceSession and Tensor runs on onnx-ts unchanged once this is registered.
//
//   import * as ort from 'onnxruntime-common';
//   import { registerOnnxTs } from 'onnx-ts/ort-backend';
//   registerOnnxTs(ort.registerBackend);
//   const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
//
// onnxruntime-common is not a dependency: the types below are its Backend and
// InferenceSessionHandler, structurally. Its InferenceSession checks the arguments, picks the
// backend by execution provider name, and wraps our output tensors into its own Tensor class
// (sharing their data); feeds arrive as its Tensors and are adopted at our session boundary.
import { InferenceSession, type ValueMetadata } from './inference-session.js';
import type { RunOptions, SessionOptions } from './session/session-options.js';
import { Tensor, type OnnxValue } from '../data/tensor.js';

/** onnxruntime-common's InferenceSessionHandler, as this backend implements it. */
export interface OrtSessionHandler {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ValueMetadata[];
  readonly outputMetadata: readonly ValueMetadata[];
  dispose(): Promise<void>;
  startProfiling(): void;
  endProfiling(): void;
  run(feeds: Record<string, unknown>, fetches: Record<string, unknown>, options: RunOptions): Promise<Record<string, OnnxValue>>;
}

/** onnxruntime-common's Backend. */
export interface OrtBackend {
  init(backendName: string): Promise<void>;
  createInferenceSessionHandler(uriOrBuffer: string | Uint8Array, options?: object): Promise<OrtSessionHandler>;
}

/** Device tensors are downloaded: onnxruntime-common re-wraps outputs by reading `.data`. */
async function onHost(v: OnnxValue): Promise<OnnxValue> {
  if (v instanceof Tensor && v.location !== 'cpu') return new Tensor(v.type, await v.getData(), v.dims);
  return v;
}

class OnnxTsSessionHandler implements OrtSessionHandler {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ValueMetadata[];
  readonly outputMetadata: readonly ValueMetadata[];

  constructor(private readonly session: InferenceSession) {
    this.inputNames = session.inputNames;
    this.outputNames = session.outputNames;
    this.inputMetadata = session.inputMetadata;
    this.outputMetadata = session.outputMetadata;
  }

  async run(feeds: Record<string, unknown>, fetches: Record<string, unknown>, options: RunOptions): Promise<Record<string, OnnxValue>> {
    // pre-allocated fetches (onnxruntime-common's tensors) are filled in place and returned as they are
    const selected = Object.keys(fetches).length > 0 ? fetches as InferenceSession.FetchesType : this.outputNames;
    const out: Record<string, OnnxValue> = await this.session.run(feeds as InferenceSession.FeedsType, selected, options);
    for (const name of Object.keys(out)) out[name] = await onHost(out[name]);
    return out;
  }

  dispose(): Promise<void> {
    return this.session.release();
  }

  startProfiling(): void {
    this.session.startProfiling();
  }

  /** Writes the trace file (onnxruntime-common's endProfiling returns nothing, so neither its name nor, in a browser, the JSON reaches the caller). */
  endProfiling(): void {
    this.session.endProfiling();
  }
}

export const onnxTsBackend: OrtBackend = {
  async init(): Promise<void> {},
  async createInferenceSessionHandler(uriOrBuffer, options = {}): Promise<OrtSessionHandler> {
    const own = options as SessionOptions;
    // 'onnx-ts' names the backend, not a provider: asked for alone, it means the default ones
    const executionProviders = own.executionProviders?.filter((ep) => (typeof ep === 'string' ? ep : ep.name) !== 'onnx-ts');
    return new OnnxTsSessionHandler(await InferenceSession.create(uriOrBuffer, { ...own, executionProviders }));
  },
};

/**
 * The execution provider names onnx-ts serves when registered: its own, and onnxruntime's
 * names that map to its providers (see src/providers/select-providers.ts).
 */
export const ONNX_TS_BACKEND_NAMES = ['onnx-ts', 'cpu', 'wasm', 'webgpu', 'webgl'] as const;

/**
 * Registers onnx-ts under every name in ONNX_TS_BACKEND_NAMES. The priority is above
 * onnxruntime-node's (100) and onnxruntime-web's (10), so it wins where one is loaded too.
 */
export function registerOnnxTs(
  // `never`: onnxruntime-common's registerBackend, whose Backend type names its own Tensor
  // class, is accepted as it is without onnxruntime-common's types being needed here
  registerBackend: (name: string, backend: never, priority: number) => void, priority = 200,
): void {
  for (const name of ONNX_TS_BACKEND_NAMES) registerBackend(name, onnxTsBackend as never, priority);
}
