// InferenceSession: onnxruntime-common's API over our loader, graph compiler and providers.
import { cloneGraph } from '../graph/clone-graph.js';
import { encodeModel } from '../graph/encode-model.js';
import { inlineFunctions } from '../graph/inline-functions.js';
import { defaultLimits, defaultMaxSessionBytes } from '../graph/limits.js';
import { loadModel } from '../graph/load-model.js';
import { optimizeGraph, type OptimizeReport } from '../graph/optimize-graph.js';
import type { MemoryPlan } from '../graph/plan-memory.js';
import type { MemoryStats } from './session/run-memory.js';
import type { Model, ValueInfo, ValueType } from '../graph/ir.js';
import { type OnnxValue, Tensor } from '../data/tensor.js';
import type { DataType } from '../data/dtype.js';
import { InvalidInputError, ModelLoadError, SessionReleasedError } from '../data/errors.js';
import { host } from '../data/platform/host.js';
import { prepareProviders } from './providers/prepare-providers.js';
import { selectProviders } from './providers/select-providers.js';
import { CompiledGraph, type NodePlacement } from './session/compiled-graph.js';
import { withAllocationLimit } from '../data/allocation-guard.js';
import { evaluateNode } from './session/evaluate-node.js';
import type * as Options from './session/session-options.js';
import type * as Providers from './session/execution-provider-options.js';
import type { RunOptions, SessionOptions } from './session/session-options.js';
import { validateFeeds } from './session/validate-feeds.js';
import { adoptForeignFeeds, type ForeignTensor } from './session/foreign-tensor.js';
import { withEnvDefaults } from './env.js';
import { proxyWanted } from './proxy/proxy-script.js';
import { runControl } from './session/run-control.js';
import { Profiler, profileFileName } from './session/profiler.js';
import { externalDataFiles, type ModelArgument, modelRequest } from './session/model-source.js';
import { applyFreeDimensionOverrides, checkFixedDims, type FixedDims } from './session/free-dimensions.js';
import { outputsOnDevice } from './session/output-location.js';
import { runRequest, writeInto } from './session/run-arguments.js';
import { toHost } from './session/device-values.js';
import type { ExecutionProviderOption } from './providers/select-providers.js';
import { GpuExecutionProvider } from './providers/gpu/provider.js';
import type { ExecutionProvider } from './providers/provider.js';

export type { RunOptions, SessionOptions } from './session/session-options.js';

/** An input or output as onnxruntime-common 1.30 describes it. */
export type ValueMetadata = InferenceSession.ValueMetadata;

function metadataOf(v: ValueInfo): ValueMetadata {
  const t: ValueType | undefined = v.type;
  if (t?.kind === 'tensor') return { name: v.name, isTensor: true, type: t.elemType, shape: t.shape?.map((d) => d ?? '') ?? [] };
  return { name: v.name, isTensor: false };
}

export type FeedsType = InferenceSession.FeedsType;
export type ReturnType = InferenceSession.ReturnType;

export class InferenceSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ValueMetadata[];
  readonly outputMetadata: readonly ValueMetadata[];
  private compiled: CompiledGraph | undefined;
  private readonly declaredInputs: ValueInfo[];
  private readonly initializerInputs: Set<string>;
  /** Initializers a model before IR 4 listed as inputs (as it had to): weights, never feeds. */
  private readonly fixedWeights: ReadonlySet<string>;
  private maxTensorBytes = defaultLimits().maxTensorBytes;
  private logSeverityLevel = 2;
  private logId?: string;
  private readonly profiler = new Profiler();
  private profileFilePrefix = 'onnx-ts_profile';
  /** Input dimensions freeDimensionOverrides fixed, checked against feeds. */
  private fixedDims: FixedDims = new Map();
  /** Outputs returned on the gpu provider's device (preferredOutputLocation 'gpu-buffer'). */
  private outputsOnDevice: ReadonlySet<string> = new Set();
  private gpu?: GpuExecutionProvider;

  private constructor(readonly model: Model, compiled: CompiledGraph, readonly optimization: OptimizeReport) {
    this.compiled = compiled;
    const inits = compiled.graph.initializers;
    // inputs that also have initializers are optional overrides, not required feeds (IR >= 4)
    this.declaredInputs = compiled.graph.inputs;
    this.initializerInputs = new Set(this.declaredInputs.filter((i) => inits.has(i.name)).map((i) => i.name));
    this.fixedWeights = model.irVersion < 4 ? new Set(model.graph.initializers.keys()) : new Set();
    const required = this.declaredInputs.filter((i) => !this.initializerInputs.has(i.name));
    this.inputNames = required.map((i) => i.name);
    this.outputNames = compiled.graph.outputs.map((o) => o.name);
    this.inputMetadata = required.map(metadataOf);
    this.outputMetadata = compiled.graph.outputs.map(metadataOf);
  }

  /** A model file's path (Node) or URL (browsers, or where there is no file system). */
  static create(uri: string, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  /** A model's bytes: the whole buffer. */
  static create(buffer: ArrayBufferLike, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  /** A model's bytes: `byteLength` bytes (default: to the end) from `byteOffset` in the buffer. */
  static create(buffer: ArrayBufferLike, byteOffset: number, byteLength?: number, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  /** A model's bytes: the view's own bytes, wherever in its buffer they start. */
  static create(buffer: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  static create(model: string | Uint8Array | ArrayBufferLike, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  static async create(arg0: ModelArgument, arg1?: SessionOptions | number, arg2?: number, arg3?: SessionOptions): Promise<InferenceSession> {
    const createdAt = performance.now();
    const request = modelRequest(arg0, arg1, arg2, arg3);
    // env.wasm.proxy in a page: the session lives in a worker, behind the same API (src/proxy/)
    if (proxyWanted()) return (await import('./proxy/proxy-session.js')).ProxySession.create(request.model, request.options) as unknown as Promise<InferenceSession>;
    let model: string | Uint8Array = request.model;
    const loadingEvent = typeof model === 'string' ? 'model_loading_uri' : 'model_loading_array';
    const options = withEnvDefaults(request.options);
    checkAcceptedOptions(options);
    const externalData = await externalDataFiles(options.externalData, model);
    const limits = options.maxTensorBytes ? { maxTensorBytes: options.maxTensorBytes } : undefined;
    const maxTensorBytes = limits?.maxTensorBytes ?? defaultLimits().maxTensorBytes;
    if (typeof model === 'string' && !host.files) model = await fetchModel(model);
    const source = model;
    const loaded = withAllocationLimit(maxTensorBytes, () => loadModel(source, { externalData, limits }));
    const loadedAt = performance.now();
    const providers = await prepareProviders(
      selectProviders(options.executionProviders as readonly ExecutionProviderOption[] | undefined, { intraOpNumThreads: options.intraOpNumThreads }),
      options.logSeverityLevel,
    );
    // optimize a copy with functions inlined; the loaded model stays as the file described it
    const graph = cloneGraph(inlineFunctions(loaded.graph, loaded.functions));
    const overrides = options.freeDimensionOverrides ? applyFreeDimensionOverrides(graph, options.freeDimensionOverrides) : undefined;
    if (overrides?.unused.length && (options.logSeverityLevel ?? 2) <= 2) {
      console.warn(`onnx-ts: freeDimensionOverrides: no input has the dimension ${overrides.unused.map((n) => `"${n}"`).join(', ')}`);
    }
    const opsets = new Map(loaded.opsets);
    const allLimits = { ...defaultLimits(), ...limits };
    const level = options.graphOptimizationLevel === 'layout' ? 'extended' : options.graphOptimizationLevel ?? 'all';
    const report = await withAllocationLimit(allLimits.maxTensorBytes, () => optimizeGraph(graph, level, {
      opsets,
      limits: allLimits,
      evaluate: (node, inputs) => evaluateNode(node, inputs, opsets),
    }));
    const maxSessionBytes = options.maxSessionBytes ?? defaultMaxSessionBytes();
    const compiled = new CompiledGraph(graph, {
      providers, opsets, maxSessionBytes, memoryPlan: options.enableMemPattern, bufferPool: options.enableCpuMemArena,
    });
    if (options.optimizedModelFilePath) {
      if (!host.files) throw new InvalidInputError('optimizedModelFilePath needs a file system (Node.js); this host has none');
      host.files.writeFile(options.optimizedModelFilePath, encodeModel({ ...loaded, graph, opsets, functions: [] }));
    }
    const session = new InferenceSession(loaded, compiled, report);
    session.maxTensorBytes = allLimits.maxTensorBytes;
    session.logSeverityLevel = options.logSeverityLevel ?? 2;
    session.logId = options.logId;
    if (overrides) session.fixedDims = overrides.fixed;
    session.gpu = gpuProviderOf(providers);
    session.outputsOnDevice = outputsOnDevice(
      options.preferredOutputLocation,
      session.outputMetadata.map((m) => ({ name: m.name, type: m.isTensor ? m.type : undefined })),
      session.gpu !== undefined, session.logSeverityLevel,
    );
    if (options.profileFilePrefix) session.profileFilePrefix = options.profileFilePrefix;
    if (options.enableProfiling) {
      session.profiler.start(createdAt);
      session.profiler.session(loadingEvent, createdAt, loadedAt);
      session.profiler.session('session_initialization', createdAt, performance.now());
    }
    return session;
  }

  /**
   * The static memory plan for the optimized graph: arena size per element type, peak and
   * naive totals. Symbolic input dimensions (e.g. a dynamic batch) are bound from `dims`,
   * defaulting to 1; values whose shapes stay unknown are listed, not planned.
   */
  memoryPlanFor(dims: Record<string, number> = {}): MemoryPlan & { boundDims: Record<string, number> } {
    const compiled = this.live();
    const boundDims: Record<string, number> = {};
    const inputs = compiled.graph.inputs.map((i) => {
      if (i.type?.kind !== 'tensor' || !i.type.shape) return i;
      const shape = i.type.shape.map((d) => {
        if (typeof d === 'number') return d;
        const key = d ?? `${i.name}:unknown`;
        boundDims[key] = dims[key] ?? 1;
        return boundDims[key];
      });
      return { ...i, type: { ...i.type, shape } };
    });
    return { ...compiled.memory.planWithInputs(inputs), boundDims };
  }

  get memoryPlan(): MemoryPlan & { boundDims: Record<string, number> } {
    return this.memoryPlanFor();
  }

  /** How this session's runs placed their outputs: planned arena slots, pooled buffers, copies. */
  get memoryStats(): MemoryStats {
    return { ...this.live().memory.stats };
  }

  /** Which provider runs each node, how many runs it had, and in how many its provider fell back to the reference kernel. */
  get nodePlacement(): NodePlacement[] {
    return this.live().placement();
  }

  private live(): CompiledGraph {
    if (!this.compiled) throw new SessionReleasedError();
    return this.compiled;
  }

  /**
   * Runs the model. `fetches` picks outputs: names, or a record of name → null or a pre-allocated
   * CPU tensor of the output's type and dims, which is filled and returned (the same object).
   */
  run(feeds: InferenceSession.FeedsType, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  run(feeds: InferenceSession.FeedsType, fetches: InferenceSession.FetchesType | undefined, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  async run(feeds: FeedsType, arg1?: InferenceSession.FetchesType | RunOptions, arg2?: RunOptions): Promise<ReturnType> {
    const compiled = this.live();
    const { wanted, preallocated, options: runOptions } = runRequest(this.outputNames, arg1, arg2);
    const own = await adoptForeignFeeds(feeds as Record<string, OnnxValue>);
    checkFixedDims(own, this.fixedDims);
    validateFeeds(own, this.declaredInputs, this.initializerInputs, { names: this.fixedWeights, irVersion: this.model.irVersion });
    const feedMap = new Map<string, OnnxValue>();
    for (const [k, v] of Object.entries(own)) feedMap.set(k, v);
    const log = runControl(runOptions, this.logSeverityLevel, this.profiler, this.logId);
    let values: OnnxValue[];
    try {
      values = await withAllocationLimit(this.maxTensorBytes, () => compiled.runWithFeeds(feedMap, undefined, log.control, this.outputsOnDevice));
    } catch (e) {
      log.finish(false);
      throw e;
    }
    log.finish(true);
    const out: Record<string, OnnxValue> = {};
    let returned = false;
    try {
      for (const [i, name] of this.outputNames.entries()) {
        if (!wanted.includes(name)) continue;
        const target = preallocated.get(name);
        out[name] = target ? writeInto(name, await toHost(values[i]), target) as Tensor : await this.placed(name, values[i]);
      }
      returned = true;
    } finally {
      // device outputs the caller does not get (not fetched, copied into its tensor, or the run failed) are freed here
      // (a feed passed through to an output stays the caller's)
      const fed = new Set<unknown>(feedMap.values());
      values.forEach((v, i) => {
        const name = this.outputNames[i];
        if (!fed.has(v) && (!returned || !wanted.includes(name) || preallocated.has(name))) disposeOnDevice(v);
      });
      if (!returned) for (const v of Object.values(out)) if (!values.includes(v) && !fed.has(v)) disposeOnDevice(v);
    }
    return out as ReturnType;
  }

  /** An output where preferredOutputLocation puts it: float32 host outputs are uploaded to the gpu provider's device. */
  private async placed(name: string, v: OnnxValue): Promise<OnnxValue> {
    const runtime = this.gpu?.runtime;
    if (!runtime || !this.outputsOnDevice.has(name) || !(v instanceof Tensor) || v.location !== 'cpu' || v.type !== 'float32') return v;
    return runtime.upload(v.data as Float32Array, v.dims);
  }

  /** Starts profiling (as onnxruntime's startProfiling); a no-op while a profile is being recorded. */
  startProfiling(): void {
    this.live();
    this.profiler.start();
  }

  /**
   * Ends profiling and writes the trace to `<profileFilePrefix>_<date>_<time>.json`, returning
   * that file's name; where the host has no file system (browsers), returns the trace's JSON.
   */
  endProfiling(): string {
    const json = this.profiler.end();
    if (!host.files) return json;
    const file = profileFileName(this.profileFilePrefix);
    host.files.writeFile(file, new TextEncoder().encode(json));
    return file;
  }

  async release(): Promise<void> {
    this.compiled?.release();
    this.compiled = undefined;
  }
}

function gpuProviderOf(providers: readonly ExecutionProvider[]): GpuExecutionProvider | undefined {
  return providers.find((p): p is GpuExecutionProvider => p instanceof GpuExecutionProvider);
}

function disposeOnDevice(v: OnnxValue): void {
  if (v instanceof Tensor && v.location !== 'cpu') v.dispose();
}

/** The options onnxruntime validates whose values we only accept: a wrong value is still refused. */
function checkAcceptedOptions(options: SessionOptions): void {
  const { executionMode, interOpNumThreads } = options;
  if (executionMode !== undefined && executionMode !== 'sequential' && executionMode !== 'parallel') {
    throw new InvalidInputError(`executionMode must be 'sequential' or 'parallel', got ${String(executionMode)}`, 'executionMode', "'sequential' | 'parallel'", String(executionMode));
  }
  if (interOpNumThreads !== undefined && (!Number.isInteger(interOpNumThreads) || interOpNumThreads < 0)) {
    throw new InvalidInputError(`interOpNumThreads must be a non-negative integer, got ${String(interOpNumThreads)}`, 'interOpNumThreads', 'a non-negative integer', String(interOpNumThreads));
  }
}

/** Where there is no file system (browsers), a model given as a string is a URL to fetch. */
async function fetchModel(url: string): Promise<Uint8Array> {
  if (!host.fetchBytes) throw new ModelLoadError(`Cannot load "${url}": this host has neither a file system nor fetch; pass the model's bytes`);
  try {
    return await host.fetchBytes(url);
  } catch (e) {
    throw new ModelLoadError(`Cannot load model "${url}": ${(e as Error).message}`, { cause: e });
  }
}

/**
 * onnxruntime-common's InferenceSession namespace, so code that names its types
 * (`InferenceSession.SessionOptions`, `InferenceSession.FeedsType`, ...) compiles unchanged.
 */
export declare namespace InferenceSession {
  type OnnxValueMapType = { readonly [name: string]: OnnxValue };
  type NullableOnnxValueMapType = { readonly [name: string]: OnnxValue | null };
  /** Feeds: our values, or tensors of onnxruntime-common's shape (adopted at the session boundary). */
  type FeedsType = { readonly [name: string]: OnnxValue | ForeignTensor };
  /** Output names, or a record of output name → null or a pre-allocated CPU tensor to fill. */
  type FetchesType = readonly string[] | { readonly [name: string]: Tensor | ForeignTensor | null };
  /**
   * Outputs by name. Typed as tensors, as onnxruntime-common types them, so its example code
   * (`results.y.data`) compiles unchanged; an output that is a sequence, a map or an absent
   * optional comes back as an array, a Map or null: read such outputs through
   * `(await session.run(feeds)) as Record<string, OnnxValue>`.
   */
  type ReturnType = { [name: string]: Tensor };
  type SessionOptions = Options.SessionOptions;
  type RunOptions = Options.RunOptions;
  type GraphOptimizationLevel = Options.GraphOptimizationLevel;

  type ExecutionProviderOptionMap = Providers.ExecutionProviderOptionMap;
  type ExecutionProviderName = Providers.ExecutionProviderName;
  type ExecutionProviderConfig = Providers.ExecutionProviderConfig;
  type ExecutionProviderOption = Providers.ExecutionProviderOption;
  type CpuExecutionProviderOption = Providers.CpuExecutionProviderOption;
  type WebAssemblyExecutionProviderOption = Providers.WebAssemblyExecutionProviderOption;
  type WebGLExecutionProviderOption = Providers.WebGLExecutionProviderOption;
  type WebGpuExecutionProviderOption = Providers.WebGpuExecutionProviderOption;
  type WebNNExecutionProviderOption = Providers.WebNNExecutionProviderOption;
  type CudaExecutionProviderOption = Providers.DeviceExecutionProviderOption<'cuda'>;
  type DmlExecutionProviderOption = Providers.DeviceExecutionProviderOption<'dml'>;
  type TensorRtExecutionProviderOption = Providers.DeviceExecutionProviderOption<'tensorrt'>;
  type CoreMLExecutionProviderOption = Providers.CoreMLExecutionProviderOption;
  type NnapiExecutionProviderOption = Providers.NnapiExecutionProviderOption;
  type QnnExecutionProviderOption = Providers.QnnExecutionProviderOption;
  type XnnpackExecutionProviderOption = Providers.XnnpackExecutionProviderOption;
  type GpuExecutionProviderOption = Providers.GpuExecutionProviderOption;
  type JsExecutionProviderOption = Providers.JsExecutionProviderOption;

  interface ValueMetadataBase {
    readonly name: string;
  }
  /** `type` and `shape` are absent; declared so code may read them without narrowing on isTensor first. */
  interface NonTensorValueMetadata extends ValueMetadataBase {
    readonly isTensor: false;
    readonly type?: undefined;
    readonly shape?: undefined;
  }
  interface TensorValueMetadata extends ValueMetadataBase {
    readonly isTensor: true;
    readonly type: DataType;
    /**
     * Dimensions: numbers for fixed sizes (freeDimensionOverrides included), strings for symbolic
     * ones (dim_param), and '' for a dimension the model leaves unknown (neither dim_value nor
     * dim_param). Empty, as in onnxruntime, both for a scalar and where the model declares no shape.
     */
    readonly shape: ReadonlyArray<number | string>;
  }
  type ValueMetadata = NonTensorValueMetadata | TensorValueMetadata;
}
