// A graph made ready to run: nodes in topological order, each bound to a kernel from the
// first provider that supports it, and each intermediate released after its last use.
import type { Graph, Node } from '../../graph/ir.js';
import { topologicalOrder } from '../../graph/topo-sort.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { KernelFn, KernelInput, RuntimeContext, SubgraphRunner, ValueScope } from '../../ops/types.js';
import { type DataLocation, type OnnxValue, Tensor } from '../../data/tensor.js';
import { bytesPerElement } from '../../data/dtype.js';
import { ExecutionError, InvalidModelError, OnnxError, ResourceLimitError, RunTerminatedError, UnsupportedOperatorError } from '../../data/errors.js';
import type { ExecutionProvider } from '../providers/provider.js';
import { hostInputs, onDevice, toHost } from './device-values.js';
import { GraphScope } from './value-scope.js';
import { SessionMemory } from './session-memory.js';
import type { ArenaMemory } from '../../data/arena-block.js';
import { valuesReturnedToCaller } from '../../graph/plan-memory.js';
import { lastUseSteps } from '../../graph/liveness.js';
import { referenceOps } from '../../ops/all.js';
import { nearestOp } from './nearest-op.js';

export interface CompileOptions {
  providers: ExecutionProvider[];
  /** Most bytes of tensors one run may hold at once (constants included); unlimited if absent. */
  maxSessionBytes?: number;
  /** Whether runs write intermediates into the static memory plan's arena (default true). */
  memoryPlan?: boolean;
  /** Whether freed intermediate buffers are pooled for reuse (default true). */
  bufferPool?: boolean;
  opsets: ReadonlyMap<string, number>;
}

interface Step {
  node: Node;
  provider: string;
  kernel: KernelFn;
  /** Where the kernel reads its inputs: device-resident inputs are downloaded for 'cpu'/'wasm'. */
  location: DataLocation;
  /** Intermediate values whose last use is this step. */
  release: string[];
  /** Runs of this node, and those where the provider's binding ran the reference kernel instead. */
  runs: number;
  fallbackRuns: number;
  countFallback: () => void;
}

/** Where a node runs, and how often its provider had to fall back to the reference kernel. */
export interface NodePlacement {
  node: string;
  opType: string;
  provider: string;
  runs: number;
  fallbackRuns: number;
}

/** One node's run, as a run's caller sees it after the node (for logs and profiles). */
export interface NodeRun {
  placement: NodePlacement;
  /** Index of the node in execution order. */
  index: number;
  /** performance.now() when the node started, and its duration, in ms. */
  startMs: number;
  durationMs: number;
  /** Whether its provider ran the reference kernel instead of its own this time. */
  fellBack: boolean;
  inputs: readonly KernelInput[];
  /** Which inputs are initializers (parameters rather than activations). */
  constantInputs: readonly boolean[];
  outputs: readonly OnnxValue[];
}

/** What the caller of a run asks of it between nodes. */
export interface RunControl {
  /** Why the run must stop before its next node, or undefined to go on. */
  stopReason(): string | undefined;
  /** Called after each node (per-node logs, the profiler); timing is taken only when this is set. */
  nodeDone?(run: NodeRun): void;
}

export class CompiledGraph implements SubgraphRunner {
  readonly graph: Graph;
  readonly inputNames: string[];
  readonly outputNames: string[];
  readonly steps: Step[];
  private readonly constants: Map<string, OnnxValue>;
  /** Bytes of the graph's initializers, counted against maxSessionBytes. */
  readonly constantBytes: number;
  /** Arena plans per input signature and the pool of freed buffers. */
  readonly memory: SessionMemory;
  /** Graph outputs and the values they are views of: given memory of their own, never the arena's or the pool's. */
  private readonly returnedValues: ReadonlySet<string>;

  get opsets(): ReadonlyMap<string, number> {
    return this.options.opsets;
  }

  /** @param outerNames names visible from enclosing graphs (empty for the main graph) */
  constructor(graph: Graph, private readonly options: CompileOptions, outerNames: ReadonlySet<string> = new Set()) {
    this.graph = graph;
    this.inputNames = this.graph.inputs.map((i) => i.name);
    this.outputNames = this.graph.outputs.map((o) => o.name);
    this.constants = new Map(this.graph.initializers);
    this.constantBytes = [...this.graph.initializers.values()].reduce((sum, t) => sum + valueBytes(t), 0);
    if (options.maxSessionBytes !== undefined && this.constantBytes > options.maxSessionBytes) {
      throw new ResourceLimitError(`The model's constants take ${this.constantBytes} bytes, over the session limit of ${options.maxSessionBytes} bytes (maxSessionBytes)`, this.constantBytes, options.maxSessionBytes);
    }
    const available = new Set<string>([...outerNames, ...this.inputNames, ...this.constants.keys()]);
    const order = topologicalOrder(this.graph, available);
    for (const o of this.outputNames) {
      if (!available.has(o) && !order.some((n) => n.outputs.includes(o))) {
        throw new InvalidModelError(`Graph output "${o}" is not produced by any node, input or initializer`);
      }
    }
    const visible = new Set(available);
    for (const n of order) for (const o of n.outputs) if (o) visible.add(o);
    this.steps = order.map((node) => this.bind(node, visible));
    this.planReleases();
    this.returnedValues = valuesReturnedToCaller(this.graph, order);
    const inPlace = new Set(this.steps.filter((s) => s.kernel.inPlace).map((s) => s.node));
    // subgraph bodies run many times on shapes inference rarely knows: they use the pool only
    const planned = options.memoryPlan !== false && outerNames.size === 0;
    this.memory = new SessionMemory(this.graph, order, {
      opsets: options.opsets,
      canRunInPlace: (n) => inPlace.has(n),
      poolCapBytes: options.bufferPool === false ? 0 : poolCap(options.maxSessionBytes),
      usePlan: planned,
      arenaMemory: planned ? this.arenaMemory() : undefined,
      maxArenaBytes: options.maxSessionBytes,
    });
  }

  private bind(node: Node, visible: ReadonlySet<string>): Step {
    const opset = this.options.opsets.get(node.domain);
    if (opset === undefined) {
      throw new InvalidModelError(`Node "${node.name}" (${node.opType}) uses domain "${node.domain || 'ai.onnx'}", which the model does not import in opset_import`, { node: node.name, opType: node.opType });
    }
    for (const provider of this.options.providers) {
      const def = provider.resolve(node.domain, node.opType, opset);
      if (!def) continue;
      const attrs = new AttributeReader(node);
      try {
        const kernel = def.create({
          node,
          opset,
          attrs,
          graph: this.graph,
          compileSubgraph: (g) => new CompiledGraph(g, this.options, visible),
        });
        const step: Step = {
          node, provider: provider.name, kernel, location: provider.location, release: [], runs: 0, fallbackRuns: 0, countFallback: () => { step.fallbackRuns++; },
        };
        return step;
      } catch (e) {
        if (e instanceof OnnxError) throw e;
        throw new InvalidModelError(`Node "${node.name}" (${node.opType}): ${(e as Error).message}`, { node: node.name, opType: node.opType }, { cause: e });
      }
    }
    const versions = this.options.providers.map((p) => p.versions(node.domain, node.opType)).find((v) => v) ?? '';
    const suggestion = versions ? undefined : nearestOp(referenceOps.entries(), node.domain, node.opType);
    throw new UnsupportedOperatorError(node.opType, node.domain, opset, node.name, versions, suggestion);
  }

  private planReleases(): void {
    const keep = new Set(this.outputNames);
    const lastUse = lastUseSteps(this.steps.map((s) => s.node));
    const produced = new Set(this.steps.flatMap((s) => s.node.outputs));
    for (const [name, i] of lastUse) {
      if (!keep.has(name) && produced.has(name)) this.steps[i].release.push(name);
    }
  }

  /**
   * The arena's home: memory its kernels use in place, of the first provider that offers it and
   * runs any node (wasm); a plain ArrayBuffer otherwise. JavaScript kernels read and write such
   * memory as fast as their own, so the provider with the memory need not run most nodes.
   */
  private arenaMemory(): ArenaMemory | undefined {
    const used = new Set(this.steps.map((s) => s.provider));
    for (const p of this.options.providers) {
      const memory = used.has(p.name) ? p.arenaMemory?.() : undefined;
      if (memory) return memory;
    }
    return undefined;
  }

  /** Frees what kernels hold outside the JS heap; the graph cannot run afterwards. */
  release(): void {
    for (const step of this.steps) step.kernel.dispose?.();
    this.memory.dispose();
  }

  /** Node → provider assignment, for reporting which nodes ran where. */
  placement(): NodePlacement[] {
    return this.steps.map(placementOf);
  }

  run(inputs: OnnxValue[], rt: RuntimeContext): Promise<OnnxValue[]> {
    const feeds = new Map<string, OnnxValue>();
    this.inputNames.forEach((name, i) => {
      if (i < inputs.length && inputs[i] !== undefined) feeds.set(name, inputs[i]);
    });
    return this.runWithFeeds(feeds, rt.scope, rt.stopReason && { stopReason: rt.stopReason });
  }

  /** @param keepOnDevice graph outputs returned as they are on a device, owned by the caller (preferredOutputLocation) */
  async runWithFeeds(
    feeds: ReadonlyMap<string, OnnxValue>, parent?: ValueScope, control?: RunControl, keepOnDevice?: ReadonlySet<string>,
  ): Promise<OnnxValue[]> {
    const scope = new GraphScope(parent, this.constants);
    for (const [name, value] of feeds) scope.set(name, value);
    const memory = this.memory.beginRun(feeds, this.returnedValues);
    const budget = this.options.maxSessionBytes;
    let liveBytes = budget === undefined ? 0 : this.constantBytes;
    // device memory of the values this run produced, freed at the latest when it ends
    let onDeviceValues: Tensor[] = [];
    try {
      for (const [index, step] of this.steps.entries()) {
        const { node } = step;
        const stop = control?.stopReason();
        if (stop !== undefined) throw new RunTerminatedError(stop, node.name || node.opType);
        const started = control?.nodeDone ? performance.now() : 0;
        const fallbacksBefore = step.fallbackRuns;
        let inputs: KernelInput[] = node.inputs.map((name) => (name === '' ? undefined : scope.get(name)));
        let outputs: OnnxValue[];
        try {
          const host = step.location === 'gpu-buffer' ? undefined : hostInputs(node, inputs);
          if (host) inputs = await host;
          const rt: RuntimeContext = { scope, output: memory.forNode(node.outputs, inputs, step.kernel.inPlace === true), fellBack: step.countFallback, stopReason: control && (() => control.stopReason()) };
          step.runs++;
          const r = step.kernel(inputs, rt);
          outputs = r instanceof Promise ? await r : r;
        } catch (e) {
          throw wrapNodeError(e, node);
        }
        node.outputs.forEach((name, i) => {
          if (name === '') return;
          if (i >= outputs.length || outputs[i] === undefined) {
            throw new ExecutionError(`Node "${node.name}" (${node.opType}) did not produce its output ${i} ("${name}")`, node.name, node.opType);
          }
          const v = memory.adopt(name, outputs[i]);
          scope.set(name, v);
          if (budget !== undefined) {
            liveBytes += valueBytes(v);
            if (liveBytes > budget) {
              throw new ResourceLimitError(`Node "${node.name}" (${node.opType}): the run would hold ${liveBytes} bytes of tensors, over the session limit of ${budget} bytes (maxSessionBytes)`, liveBytes, budget);
            }
          }
          if (onDevice(v)) onDeviceValues.push(v);
        });
        if (control?.nodeDone) {
          control.nodeDone({
            placement: placementOf(step), index, startMs: started, durationMs: performance.now() - started,
            fellBack: step.fallbackRuns > fallbacksBefore, inputs, outputs,
            constantInputs: node.inputs.map((name) => this.constants.has(name)),
          });
        }
        for (const name of step.release) {
          const v = scope.get(name);
          if (budget !== undefined) liveBytes -= valueBytes(v);
          if (onDevice(v)) v.dispose();
          else memory.release(v);
          scope.delete(name);
        }
      }
      // graph outputs are returned on the host, but for those the caller keeps on the device
      const kept = new Set<OnnxValue>();
      const outputs = await Promise.all(this.outputNames.map((name) => {
        if (!scope.has(name)) throw new ExecutionError(`Graph output "${name}" was not computed`, '', '');
        const v = scope.get(name) as OnnxValue;
        if (keepOnDevice?.has(name) && onDevice(v)) {
          kept.add(v);
          return v;
        }
        return toHost(v);
      }));
      if (kept.size) onDeviceValues = onDeviceValues.filter((v) => !kept.has(v));
      return outputs;
    } finally {
      for (const v of onDeviceValues) v.dispose();
      memory.finish();
    }
  }
}

/** Idle pooled buffers a session keeps: enough for a model's working set, bounded by its budget. */
function poolCap(maxSessionBytes: number | undefined): number {
  return Math.min(256 * 2 ** 20, Math.floor((maxSessionBytes ?? Infinity) / 4));
}

/** Bytes a value holds (sequences and maps summed); views are counted as their own storage. */
export function valueBytes(v: OnnxValue | undefined): number {
  if (v instanceof Tensor) return v.size * bytesPerElement(v.type);
  if (Array.isArray(v)) return v.reduce((s, x) => s + valueBytes(x), 0);
  if (v instanceof Map) return [...v.values()].reduce((s, x) => s + valueBytes(x), 0);
  return 0;
}

function wrapNodeError(e: unknown, node: Node): Error {
  const where = `Node "${node.name}" (${node.opType})`;
  if (e instanceof ExecutionError) return e;
  if (e instanceof OnnxError) {
    // keep the error's class (InvalidInputError, ResourceLimitError...) and say where it happened
    if (!e.message.startsWith('Node "')) e.message = `${where}: ${e.message}`;
    return e;
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /array buffer allocation|invalid typed array length|invalid array length/i.test(msg)) {
    return new ResourceLimitError(`${where}: cannot allocate its output (${msg})`);
  }
  return new ExecutionError(`${where} failed: ${msg}`, node.name, node.opType, { cause: e });
}

function placementOf(s: Step): NodePlacement {
  return { node: s.node.name, opType: s.node.opType, provider: s.provider, runs: s.runs, fallbackRuns: s.fallbackRuns };
}
