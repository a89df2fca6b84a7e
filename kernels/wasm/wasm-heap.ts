// The allocator for the kernels' linear memory. The module itself never allocates: it gets
// pointers from here. Blocks are 64-byte aligned (cache lines; v128 loads never straddle a
// block start); freed blocks go on an address-ordered free list, merged with their
// neighbours, and reused first-fit before the heap grows the memory.

import { checkAllocation } from '../../data/allocation-guard.js';
import { ResourceLimitError } from '../../data/errors.js';
import type { WasmMemory } from './wasm-api.js';

const ALIGN = 64;
const PAGE = 65536;

export class WasmHeap {
  private top: number;
  /** Free blocks as [start, size] pairs, ordered by start, never adjacent (merged). */
  private readonly freeList: [number, number][] = [];
  private readonly sizes = new Map<number, number>();
  private buffer: ArrayBuffer | SharedArrayBuffer | undefined;
  private f32View: Float32Array<ArrayBufferLike> = new Float32Array(0);
  /** Buffers of this memory that views were made on (each growth of shared memory gives a new one). */
  private readonly resident = new WeakSet<object>();

  constructor(readonly memory: WasmMemory, base: number) {
    this.top = Math.ceil(base / ALIGN) * ALIGN;
  }

  /** A float32 view of the whole memory; take it again after any alloc (growth detaches it). */
  get f32(): Float32Array<ArrayBufferLike> {
    if (this.buffer !== this.memory.buffer) {
      this.buffer = this.memory.buffer;
      this.f32View = new Float32Array(this.buffer);
    }
    return this.f32View;
  }

  /** Bytes in use by live blocks. */
  get used(): number {
    let n = 0;
    for (const s of this.sizes.values()) n += s;
    return n;
  }

  /**
   * A block of at least `bytes` bytes; its contents are unspecified. Blocks obey the session's
   * maxTensorBytes like any tensor (`perTensor`; a run's arena holds many tensors and is
   * checked by its largest one instead), and running out of the 4 GiB address space is a
   * ResourceLimitError too.
   */
  alloc(bytes: number, perTensor = true): number {
    if (perTensor) checkAllocation(bytes, 1, 'wasm buffer');
    else if (!Number.isSafeInteger(bytes) || bytes < 0) throw new ResourceLimitError(`Cannot allocate a wasm block of ${bytes} bytes`);
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    for (let i = 0; i < this.freeList.length; i++) {
      const [start, free] = this.freeList[i];
      if (free < size) continue;
      if (free === size) this.freeList.splice(i, 1);
      else this.freeList[i] = [start + size, free - size];
      this.sizes.set(start, size);
      return start;
    }
    const start = this.top;
    const end = start + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch (e) {
        throw new ResourceLimitError(`cannot grow WebAssembly memory to ${end} bytes for a ${bytes}-byte buffer (${(e as Error).message})`, end);
      }
    }
    this.top = end;
    this.sizes.set(start, size);
    return start;
  }

  /** Returns a block from alloc(); releasing twice or a foreign pointer is a bug and throws. */
  free(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) throw new Error(`WasmHeap.free: ${ptr} is not a live block`);
    this.sizes.delete(ptr);
    const list = this.freeList;
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][0] < ptr) lo = mid + 1; else hi = mid;
    }
    let start = ptr, len = size;
    const prev = lo > 0 ? list[lo - 1] : undefined;
    if (prev && prev[0] + prev[1] === start) { start = prev[0]; len += prev[1]; list.splice(--lo, 1); }
    const next = list[lo];
    if (next && start + len === next[0]) { len += next[1]; list.splice(lo, 1); }
    if (start + len === this.top) this.top = start; // give the tail back to the bump pointer
    else list.splice(lo, 0, [start, len]);
  }

  /** Allocates and fills a block with `data`. */
  allocF32(data: Float32Array): number {
    const p = this.alloc(data.length * 4);
    this.f32.set(data, p >>> 2); // >>> : pointers past 2 GiB are still positive
    return p;
  }

  /** A copy of `length` floats at `ptr`, into `out` (the node's planned output) or a new array. */
  readF32(ptr: number, length: number, out?: Float32Array): Float32Array {
    if (out && this.pointerOf(out) === ptr) return out; // the kernel wrote straight into it
    const from = this.f32.subarray(ptr >>> 2, (ptr >>> 2) + length);
    if (!out) return from.slice();
    out.set(from);
    return out;
  }

  /**
   * The memory's buffer, for views that live in it (a run's arena). Only shared memory: its
   * buffer never detaches when the memory grows, so such views stay valid; an unshared
   * memory's would all go empty on the next growth.
   */
  residentBuffer(): SharedArrayBuffer | undefined {
    const buf = this.memory.buffer;
    if (typeof SharedArrayBuffer === 'undefined' || !(buf instanceof SharedArrayBuffer)) return undefined;
    this.resident.add(buf);
    return buf;
  }

  /** Where `data` lives in this memory, if it is a view from residentBuffer(); kernels then read it in place. */
  pointerOf(data: Float32Array): number | undefined {
    return this.resident.has(data.buffer) ? data.byteOffset : undefined;
  }
}

/**
 * The blocks one kernel call uses, released together: `using`-style scoping without the
 * syntax, so a throwing kernel still gives its memory back.
 */
export class WasmFrame {
  private readonly blocks: number[] = [];
  constructor(readonly heap: WasmHeap) {}

  alloc(bytes: number): number {
    const p = this.heap.alloc(bytes);
    this.blocks.push(p);
    return p;
  }

  allocF32(data: Float32Array): number {
    const p = this.heap.allocF32(data);
    this.blocks.push(p);
    return p;
  }

  /**
   * A pointer the kernel may only read `data` through: the data itself where it already lives
   * in this memory (a run's arena), else a copy.
   */
  readF32(data: Float32Array): number {
    return this.heap.pointerOf(data) ?? this.allocF32(data);
  }

  /**
   * Where the kernel writes `length` floats: straight into `out` where it lives in this memory
   * (readF32 on the heap then skips the copy), else a new block.
   */
  outputF32(out: Float32Array | undefined, length: number): number {
    const p = out && out.length >= length ? this.heap.pointerOf(out) : undefined;
    return p ?? this.alloc(length * 4);
  }

  /**
   * Pointers for a kernel that may work in place, reading x and writing as many floats: y goes
   * into `out` where that lives in this memory, else over x's copy, else (x resident and `out`
   * not) into a new block.
   */
  readWriteF32(x: Float32Array, out: Float32Array | undefined): [number, number] {
    const resident = this.heap.pointerOf(x) !== undefined;
    const xp = this.readF32(x);
    const outPtr = out && out.length >= x.length ? this.heap.pointerOf(out) : undefined;
    return [xp, outPtr ?? (resident ? this.alloc(x.length * 4) : xp)];
  }

  /** Takes ownership of a block allocated elsewhere on the same heap. */
  adopt(ptr: number): void {
    this.blocks.push(ptr);
  }

  release(): void {
    for (let i = this.blocks.length - 1; i >= 0; i--) this.heap.free(this.blocks[i]);
    this.blocks.length = 0;
  }
}

/** Runs `body` with a frame whose blocks are freed when it returns or throws. */
export function withFrame<T>(heap: WasmHeap, body: (frame: WasmFrame) => T): T {
  const frame = new WasmFrame(heap);
  try {
    return body(frame);
  } finally {
    frame.release();
  }
}
