// Grow-only scratch buffers reused across kernel calls (kernels run synchronously, one at a
// time per thread), so large im2col and packing buffers are not reallocated on every run.

// beyond this, a buffer is handed out but not kept, so one huge layer does not pin memory
const KEEP_LIMIT = 1 << 24;

export class ScratchF32 {
  private buf = new Float32Array(0);
  get(n: number): Float32Array {
    if (this.buf.length >= n) return this.buf;
    const b = new Float32Array(n);
    if (n <= KEEP_LIMIT) this.buf = b;
    return b;
  }
}

export class ScratchF64 {
  private buf = new Float64Array(0);
  get(n: number): Float64Array {
    if (this.buf.length >= n) return this.buf;
    const b = new Float64Array(n);
    if (n <= KEEP_LIMIT) this.buf = b;
    return b;
  }
}
