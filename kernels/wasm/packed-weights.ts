// Weights packed once into linear memory and reused while the same tensor data comes back
// (initializers are the same object on every run). The block is freed when the owning kernel
// is garbage-collected, e.g. after the session is released.
import type { WasmKernels } from './wasm-module.js';

const registry = new FinalizationRegistry<{ w: WasmKernels; ptrs: number[] }>(({ w, ptrs }) => {
  for (const p of ptrs) w.heap.free(p);
});

export class PackedWeights {
  private source: object | undefined;
  private readonly held: { w: WasmKernels; ptrs: number[] };

  constructor(private readonly w: WasmKernels) {
    this.held = { w, ptrs: [] };
    registry.register(this, this.held, this);
  }

  /** Frees the packed blocks now (session release), rather than whenever GC gets to it. */
  free(): void {
    // drop the finalizer too: its cell would otherwise live until a GC and a cleanup task,
    // which a busy run loop may not give it
    registry.unregister(this);
    for (const p of this.held.ptrs) this.w.heap.free(p);
    this.held.ptrs = [];
    this.source = undefined;
  }

  /**
   * The packed blocks for `source` (one per group, say), packing with `pack` when the source
   * changed since the last call. `pack` returns heap blocks this object then owns.
   */
  get(source: object, pack: () => number[]): readonly number[] {
    if (source !== this.source) {
      for (const p of this.held.ptrs) this.w.heap.free(p);
      this.held.ptrs = [];
      this.source = undefined;
      this.held.ptrs = pack();
      this.source = source;
    }
    return this.held.ptrs;
  }
}
