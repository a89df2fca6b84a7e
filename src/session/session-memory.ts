// The memory a session's runs write their intermediates into: the static plan for the shapes
// of each run's inputs (computed once per input signature and cached), laid out as one arena
// buffer per run, and a size-keyed pool for values the plan could not place. Arenas outlive
// plans: a run takes any idle arena large enough, so a decoder whose past grows every step
// makes a new (cheap, O(nodes)) plan per step but allocates an arena only when it outgrows
// the one it has.
import type { Graph, Node } from '../../graph/ir.js';
import { type MemoryPlan, planMemory } from '../../graph/plan-memory.js';
import { inferGraphShapes } from '../../graph/shape-inference.js';
import { Tensor, type OnnxValue } from '../../data/tensor.js';
import { checkAllocation } from '../../data/allocation-guard.js';
import { ResourceLimitError } from '../../data/errors.js';
import { type ArenaBlock, type ArenaMemory, jsArenaMemory } from '../../data/arena-block.js';
import type { ArenaSlot, PlacedPlan } from './arena-memory.js';
import { BufferPool } from './buffer-pool.js';
import { type MemoryStats, RunMemory, emptyMemoryStats } from './run-memory.js';

/** Arenas held by sessions that were never released, freed when the session is collected. */
const unreleased = new FinalizationRegistry<Map<ArenaBlock, number>>((blocks) => {
  for (const b of blocks.keys()) b.free();
});

export interface SessionMemoryOptions {
  opsets: ReadonlyMap<string, number>;
  /** Whether a node's kernel may write its output over a dying input (KernelFn.inPlace). */
  canRunInPlace: (node: Node) => boolean;
  /** Most bytes of freed buffers kept for reuse; 0 turns the pool off. */
  poolCapBytes: number;
  /** False where runs use the pool only (subgraph bodies, or the plan turned off). */
  usePlan: boolean;
  /** Where arenas live (default: plain ArrayBuffers). */
  arenaMemory?: ArenaMemory;
  /** The session's byte budget (maxSessionBytes): no arena larger than it is made. */
  maxArenaBytes?: number;
}

const PLAN_CACHE_SIZE = 8;
/** Idle arenas kept for later runs (runs in flight at once each hold one). */
const IDLE_ARENAS_KEPT = 4;
/**
 * Once runs have come with more than one input signature, arenas are made this much larger
 * than the plan asks, so the next, slightly larger plan (the next decoding step) fits too.
 */
const ARENA_HEADROOM = 1.25;

export class SessionMemory {
  private readonly plans = new Map<string, PlacedPlan | null>();
  readonly pool: BufferPool;
  readonly stats: MemoryStats = emptyMemoryStats();

  private readonly arenaMemory: ArenaMemory;
  private readonly maxArenaBytes: number;

  constructor(private readonly graph: Graph, private readonly order: Node[], private readonly options: SessionMemoryOptions) {
    this.pool = new BufferPool(options.poolCapBytes);
    this.arenaMemory = options.arenaMemory ?? jsArenaMemory;
    this.maxArenaBytes = options.maxArenaBytes ?? Infinity;
    unreleased.register(this, this.idleBlocks, this);
  }

  /** Arena blocks no run is using, with their sizes (freed on dispose). */
  private readonly idleBlocks = new Map<ArenaBlock, number>();
  private disposed = false;

  /** Frees the idle arenas (session release); runs still in flight free theirs when they end. */
  dispose(): void {
    this.disposed = true;
    unreleased.unregister(this);
    for (const b of this.idleBlocks.keys()) b.free();
    this.idleBlocks.clear();
  }

  /** The plan for these input shapes (planned on first sight), or null where nothing is static. */
  planFor(feeds: ReadonlyMap<string, OnnxValue>): PlacedPlan | null {
    if (!this.options.usePlan) return null;
    const key = this.graph.inputs.map((i) => signatureOf(feeds.get(i.name))).join(';');
    let placed = this.plans.get(key);
    if (placed === undefined) {
      placed = this.place(feeds);
      this.stats.plansMade++;
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, placed);
    }
    return placed;
  }

  /** The plan with the graph inputs bound to the shapes of `feeds`. */
  planWithShapes(feeds: ReadonlyMap<string, OnnxValue>): MemoryPlan {
    return this.planWithInputs(this.graph.inputs.map((i) => {
      const v = feeds.get(i.name);
      if (!(v instanceof Tensor) || i.type?.kind !== 'tensor') return i;
      return { ...i, type: { ...i.type, elemType: v.type, shape: [...v.dims] } };
    }));
  }

  /** The plan for the graph with its inputs declared as `inputs` (shapes bound by the caller). */
  planWithInputs(inputs: Graph['inputs']): MemoryPlan {
    const graph = { ...this.graph, inputs };
    return planMemory(graph, this.order, inferGraphShapes(graph, this.options.opsets, this.order), { canRunInPlace: this.options.canRunInPlace });
  }

  beginRun(feeds: ReadonlyMap<string, OnnxValue>, graphOutputs: ReadonlySet<string>): RunMemory {
    const placed = this.planFor(feeds);
    let arena: ArenaBlock | undefined, arenaBytes = 0;
    if (placed && placed.bytes > 0) {
      [arena, arenaBytes] = this.takeIdleArena(placed.bytes);
      if (!arena && this.arenaAllowed(placed)) {
        arenaBytes = this.plans.size > 1 ? Math.min(Math.ceil(placed.bytes * ARENA_HEADROOM / 64) * 64, Math.max(placed.bytes, this.maxArenaBytes)) : placed.bytes;
        try {
          arena = this.arenaMemory.allocate(arenaBytes);
          this.stats.arenasAllocated++;
        } catch (e) {
          // no room for the arena: every value falls back to the pool
          if (!(e instanceof RangeError || e instanceof ResourceLimitError)) throw e;
        }
      }
    }
    return new RunMemory(arena ? placed! : null, arena, this.pool, graphOutputs, (a) => this.giveBackArena(a, arenaBytes), this.stats);
  }

  /** The smallest idle arena of at least `bytes`, taken out of the idle set. */
  private takeIdleArena(bytes: number): [ArenaBlock | undefined, number] {
    let best: ArenaBlock | undefined, bestBytes = Infinity;
    for (const [block, size] of this.idleBlocks) if (size >= bytes && size < bestBytes) [best, bestBytes] = [block, size];
    if (best) this.idleBlocks.delete(best);
    return [best, bestBytes];
  }

  /** Keeps a run's arena for later runs; past IDLE_ARENAS_KEPT, the smallest idle one is freed. */
  private giveBackArena(arena: ArenaBlock, bytes: number): void {
    if (this.disposed) {
      arena.free();
      return;
    }
    this.idleBlocks.set(arena, bytes);
    if (this.idleBlocks.size <= IDLE_ARENAS_KEPT) return;
    let smallest: ArenaBlock | undefined, smallestBytes = Infinity;
    for (const [block, size] of this.idleBlocks) if (size < smallestBytes) [smallest, smallestBytes] = [block, size];
    this.idleBlocks.delete(smallest!);
    smallest!.free();
  }

  /**
   * Whether this run may hold the plan's arena: within the session's budget, and only where
   * its largest tensor is within maxTensorBytes (otherwise the node making it fails with the
   * limit's error anyway, and the arena must not be allocated first).
   */
  private arenaAllowed(placed: PlacedPlan): boolean {
    if (placed.bytes > this.maxArenaBytes) return false;
    try {
      checkAllocation(placed.largestBuffer, 1, 'tensor');
      return true;
    } catch {
      return false;
    }
  }

  private place(feeds: ReadonlyMap<string, OnnxValue>): PlacedPlan | null {
    let plan: MemoryPlan;
    try {
      plan = this.planWithShapes(feeds);
    } catch {
      return null; // shape inference cannot follow this graph: the pool serves every value
    }
    if (plan.buffers.length === 0) return null;
    const base = new Map<string, number>();
    let bytes = 0;
    for (const [type, size] of Object.entries(plan.arenas)) {
      base.set(type, bytes);
      bytes += Math.ceil(size / 64) * 64;
    }
    const slots = new Map<string, ArenaSlot>();
    for (const b of plan.buffers) {
      b.values.forEach((v, i) => {
        slots.set(v, { type: b.type, offset: base.get(b.type)! + b.offset, bytes: b.bytes, shared: i > 0 });
      });
    }
    const largestBuffer = Math.max(...plan.buffers.map((b) => b.bytes));
    return { slots, bytes, largestBuffer };
  }
}

function signatureOf(v: OnnxValue | undefined): string {
  if (v instanceof Tensor) return `${v.type}[${v.dims.join(',')}]`;
  if (v === undefined) return '-';
  return Array.isArray(v) ? 'seq' : v === null ? 'none' : 'map';
}
