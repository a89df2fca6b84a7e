// One run's view of the session's memory: hands kernels their planned arena slot (or a pooled
// buffer), and checks what they return. Values the plan did not expect in the arena (a
// kernel returning a view of an input, a sequence holding an intermediate, a graph output
// aliasing one) are copied out, so no value outlives the slot it was planned in; pooled
// buffers are counted by the values holding them and go back to the pool when the last dies.
import { type DataType, type TensorData, type TypedArray, slotsPerElement, storageConstructor } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { checkAllocation } from '../../data/allocation-guard.js';
import type { KernelInput, OutputMemory } from '../../ops/types.js';
import type { ArenaBlock } from '../../data/arena-block.js';
import type { BufferPool } from './buffer-pool.js';
import type { ArenaSlot, PlacedPlan } from './arena-memory.js';

/** What the runs of a session did with their outputs' memory, summed over runs. */
export interface MemoryStats {
  runs: number;
  /** Outputs written into their planned arena slot (in place included). */
  arenaOutputs: number;
  /** Outputs written into a pooled buffer, and how many of those were reused rather than new. */
  pooledOutputs: number;
  pooledReused: number;
  /** Outputs copied out of memory they could not keep (an unplanned view of an arena value...). */
  copiedOutputs: number;
  /** Memory plans made (one per new input signature: each step of a decoder whose past grows). */
  plansMade: number;
  /** Arena blocks allocated; a plan reuses an idle block that fits, so this grows far slower than plansMade. */
  arenasAllocated: number;
}

export function emptyMemoryStats(): MemoryStats {
  return { runs: 0, arenaOutputs: 0, pooledOutputs: 0, pooledReused: 0, copiedOutputs: 0, plansMade: 0, arenasAllocated: 0 };
}

export class RunMemory {
  /** Pooled buffers this run handed out, with the number of live values holding each. */
  private readonly holders = new Map<ArrayBuffer, number>();
  private readonly handedSlots = new Set<string>();

  constructor(
    private readonly placed: PlacedPlan | null,
    private readonly arena: ArenaBlock | undefined,
    private readonly pool: BufferPool,
    /** Values the caller keeps (graph outputs and what they view): never in the arena or the pool. */
    private readonly graphOutputs: ReadonlySet<string>,
    private readonly returnArena: (arena: ArenaBlock) => void,
    private readonly stats: MemoryStats,
  ) {
    stats.runs++;
  }

  /** The allocator a node's kernel sees. */
  forNode(outputs: readonly string[], inputs: readonly KernelInput[], inPlace: boolean): OutputMemory {
    return {
      data: (index, type, size, zeroed) => {
        const name = outputs[index];
        if (!name || type === 'string') return undefined;
        const elements = size * slotsPerElement(type);
        const Ctor = storageConstructor(type as Exclude<DataType, 'string'>);
        const bytes = elements * Ctor.BYTES_PER_ELEMENT;
        checkAllocation(elements, Ctor.BYTES_PER_ELEMENT, `${type} tensor`);
        const slot = this.placed?.slots.get(name);
        if (slot && this.arena && !this.handedSlots.has(name) && this.slotFits(slot, type, bytes, inputs, inPlace, zeroed)) {
          this.handedSlots.add(name);
          this.stats.arenaOutputs++;
          const view = new Ctor(this.arena.buffer, this.arena.offset + slot.offset, elements);
          if (zeroed) fillZero(view);
          return view as TensorData;
        }
        // graph outputs go to the caller: exact-size memory of their own
        if (this.graphOutputs.has(name) || bytes === 0 || !this.pool.enabled) return undefined;
        // a kernel that takes a buffer and then returns something else leaves it at 0 holders:
        // it is not pooled again (nothing proves no value holds it), only collected
        let buf = this.pool.take(bytes);
        const reused = buf !== undefined;
        buf ??= this.pool.create(bytes);
        this.holders.set(buf, this.holders.get(buf) ?? 0);
        this.stats.pooledOutputs++;
        if (reused) this.stats.pooledReused++;
        const view = new Ctor(buf, 0, elements);
        if (zeroed && reused) fillZero(view);
        return view as TensorData;
      },
    };
  }

  /**
   * A shared slot (in place over a dying input, or a view's source) is only handed to a
   * kernel that writes in place safely, uninitialised, and only where every input already in
   * that slot has exactly the output's size (broadcast inputs cannot be overwritten as read).
   */
  private slotFits(slot: ArenaSlot, type: DataType, bytes: number, inputs: readonly KernelInput[], inPlace: boolean, zeroed: boolean): boolean {
    if (slot.type !== type || bytes > slot.bytes) return false;
    if (!slot.shared) return true;
    if (!inPlace || zeroed) return false;
    return inputs.every((x) => !(x instanceof Tensor) || x.location !== 'cpu' || !this.inSlot(x.data, slot) || (x.data as TypedArray).byteLength === bytes);
  }

  private inSlot(data: TensorData, slot: ArenaSlot): boolean {
    if (Array.isArray(data) || !this.arena || data.buffer !== this.arena.buffer) return false;
    const start = this.arena.offset + slot.offset;
    return data.byteOffset < start + slot.bytes && start < data.byteOffset + data.byteLength;
  }

  /** Whether typed-array data lies in this run's arena. */
  private inArena(data: TypedArray): boolean {
    const a = this.arena;
    return a !== undefined && data.buffer === a.buffer && data.byteOffset >= a.offset && data.byteOffset < a.offset + this.placed!.bytes;
  }

  /** The value to keep for output `name` of a step: itself, or a copy where it sits in memory it may not keep. */
  adopt(name: string, value: OnnxValue): OnnxValue {
    if (value instanceof Tensor) {
      if (value.location !== 'cpu' || Array.isArray(value.data)) return value;
      const data = value.data;
      const buf = data.buffer as ArrayBuffer;
      if (this.inArena(data)) {
        const slot = this.graphOutputs.has(name) ? undefined : this.placed?.slots.get(name);
        if (slot && data.byteOffset === this.arena!.offset + slot.offset && data.byteLength <= slot.bytes) return value;
        return this.copyOut(value, slot);
      }
      if (this.holders.has(buf)) {
        if (this.graphOutputs.has(name)) return this.copyOut(value, undefined);
        this.holders.set(buf, this.holders.get(buf)! + 1);
      }
      return value;
    }
    return this.detach(value);
  }

  /** Called when a value dies: its pooled buffer goes back once nothing else holds it. */
  release(value: OnnxValue | undefined): void {
    if (!(value instanceof Tensor) || value.location !== 'cpu' || Array.isArray(value.data)) return;
    const buf = value.data.buffer as ArrayBuffer;
    const n = this.holders.get(buf);
    if (n === undefined) return;
    if (n > 1) {
      this.holders.set(buf, n - 1);
      return;
    }
    this.holders.delete(buf);
    this.pool.put(buf);
  }

  /** Ends the run: the arena is free for the next one; buffers still held stay with their holders. */
  finish(): void {
    if (this.arena) this.returnArena(this.arena);
  }

  /** Into the value's own slot where it fits and does not overlap the source, else fresh memory. */
  private copyOut(t: Tensor, slot: ArenaSlot | undefined): Tensor {
    this.stats.copiedOutputs++;
    const data = t.data as TypedArray;
    if (slot && !slot.shared && data.byteLength <= slot.bytes && !this.inSlot(data, slot)) {
      const Ctor = data.constructor as new (b: ArrayBuffer, o: number, n: number) => TypedArray;
      const copy = new Ctor(this.arena!.buffer as ArrayBuffer, this.arena!.offset + slot.offset, data.length);
      copy.set(data as never);
      return new Tensor(t.type, copy, t.dims);
    }
    return new Tensor(t.type, data.slice(), t.dims);
  }

  /** Sequences, maps and optionals keep no arena or pooled memory: they may outlive any slot. */
  private detach(value: OnnxValue): OnnxValue {
    if (value instanceof Tensor) {
      if (value.location !== 'cpu' || Array.isArray(value.data)) return value;
      const data = value.data;
      return this.inArena(data) || this.holders.has(data.buffer as ArrayBuffer) ? new Tensor(value.type, data.slice(), value.dims) : value;
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => this.detach(v));
      return items.some((v, i) => v !== value[i]) ? items : value;
    }
    if (value instanceof Map) {
      let changed = false;
      const entries = [...value].map(([k, v]) => {
        const d = this.detach(v);
        changed ||= d !== v;
        return [k, d] as const;
      });
      return changed ? new Map(entries) : value;
    }
    return value;
  }
}

function fillZero(view: TypedArray): void {
  if (view instanceof BigInt64Array || view instanceof BigUint64Array) view.fill(0n);
  else view.fill(0);
}
