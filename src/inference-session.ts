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
import type { OnnxValue } from '../data/tensor.js';
import { InvalidInputError, ModelLoadError, SessionReleasedError } from '../data/errors.js';
import { host } from '../data/platform/host.js';
import { prepareProviders } from './providers/prepare-providers.js';
import { selectProviders } from './providers/select-providers.js';
import { CompiledGraph, type NodePlacement } from './session/compiled-graph.js';
import { withAllocationLimit } from '../data/allocation-guard.js';
import { evaluateNode } from './session/evaluate-node.js';
import type { RunOptions, SessionOptions } from './session/session-options.js';
import { validateFeeds } from './session/validate-feeds.js';
import { adoptForeignFeeds } from './session/foreign-tensor.js';
import { withEnvDefaults } from './env.js';
import { runControl } from './session/run-control.js';
import { Profiler, profileFileName } from './session/profiler.js';

export type { RunOptions, SessionOptions } from './session/session-options.js';

export interface ValueMetadata {
  name: string;
  isTensor: boolean;
  /** Element type for tensors. */
  type?: string;
  /**
   * Dimensions: numbers for fixed sizes, strings for symbolic ones (dim_param), and '' for a
   * dimension the model leaves unknown (neither dim_value nor dim_param), as onnxruntime
   * reports it. Undefined when the model declares no shape at all (unknown rank).
   */
  shape?: (number | string)[];
}

function metadataOf(v: ValueInfo): ValueMetadata {
  const t: ValueType | undefined = v.type;
  if (t?.kind === 'tensor') return { name: v.name, isTensor: true, type: t.elemType, shape: t.shape?.map((d) => d ?? '') };
  return { name: v.name, isTensor: false };
}

export type FeedsType = Record<string, OnnxValue>;
export type ReturnType = Record<string, OnnxValue>;

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
  private readonly profiler = new Profiler();
  private profileFilePrefix = 'onnx-ts_profile';

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

  static async create(model: string | Uint8Array | ArrayBuffer, options: SessionOptions = {}): Promise<InferenceSession> {
    const createdAt = performance.now();
    const loadingEvent = typeof model === 'string' ? 'model_loading_uri' : 'model_loading_array';
    options = withEnvDefaults(options);
    const externalData = options.externalData
      ? new Map(options.externalData.map((e) => [e.path.replace(/^\.\//, ''), e.data instanceof Uint8Array ? e.data : new Uint8Array(e.data)]))
      : undefined;
    const limits = options.maxTensorBytes ? { maxTensorBytes: options.maxTensorBytes } : undefined;
    const maxTensorBytes = limits?.maxTensorBytes ?? defaultLimits().maxTensorBytes;
    if (typeof model === 'string' && !host.files) model = await fetchModel(model);
    const loaded = withAllocationLimit(maxTensorBytes, () => loadModel(model, { externalData, limits }));
    const loadedAt = performance.now();
    const providers = await prepareProviders(
      selectProviders(options.executionProviders, { intraOpNumThreads: options.intraOpNumThreads }), options.logSeverityLevel,
    );
    // optimize a copy with functions inlined; the loaded model stays as the file described it
    const graph = cloneGraph(inlineFunctions(loaded.graph, loaded.functions));
    const opsets = new Map(loaded.opsets);
    const allLimits = { ...defaultLimits(), ...limits };
    const report = await withAllocationLimit(allLimits.maxTensorBytes, () => optimizeGraph(graph, options.graphOptimizationLevel ?? 'all', {
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

  async run(feeds: FeedsType, fetches?: readonly string[] | RunOptions, options?: RunOptions): Promise<ReturnType> {
    const compiled = this.live();
    const runOptions = (Array.isArray(fetches) ? options : (fetches as RunOptions | undefined) ?? options) ?? {};
    feeds = await adoptForeignFeeds(feeds);
    validateFeeds(feeds, this.declaredInputs, this.initializerInputs, { names: this.fixedWeights, irVersion: this.model.irVersion });
    let wanted = this.outputNames;
    if (Array.isArray(fetches)) {
      for (const f of fetches) {
        if (!this.outputNames.includes(f)) {
          throw new InvalidInputError(`"${f}" is not an output of this model. Outputs: ${this.outputNames.join(', ')}`, f);
        }
      }
      wanted = fetches as string[];
    }
    const feedMap = new Map<string, OnnxValue>();
    for (const [k, v] of Object.entries(feeds)) feedMap.set(k, v);
    const log = runControl(runOptions, this.logSeverityLevel, this.profiler);
    let values: OnnxValue[];
    try {
      values = await withAllocationLimit(this.maxTensorBytes, () => compiled.runWithFeeds(feedMap, undefined, log.control));
    } catch (e) {
      log.finish(false);
      throw e;
    }
    log.finish(true);
    const out: ReturnType = {};
    this.outputNames.forEach((name, i) => {
      if (wanted.includes(name)) out[name] = values[i];
    });
    return out;
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

/** Where there is no file system (browsers), a model given as a string is a URL to fetch. */
async function fetchModel(url: string): Promise<Uint8Array> {
  if (!host.fetchBytes) throw new ModelLoadError(`Cannot load "${url}": this host has neither a file system nor fetch; pass the model's bytes`);
  try {
    return await host.fetchBytes(url);
  } catch (e) {
    throw new ModelLoadError(`Cannot load model "${url}": ${(e as Error).message}`, { cause: e });
  }
}
