// Freed intermediate buffers kept for reuse by size, for values the static plan could not
// place (shapes known only at run time). Sizes are rounded up to classes a quarter-power of
// two apart, so a buffer serves requests up to 25% smaller than it and pooled memory stays
// within a small factor of what was asked for.

const MIN_CLASS = 64;

/** The byte size a request of `bytes` is served with. */
export function sizeClass(bytes: number): number {
  if (bytes <= MIN_CLASS) return MIN_CLASS;
  const step = 2 ** Math.floor(Math.log2(bytes)) / 4;
  return Math.ceil(bytes / step) * step;
}

export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private pooledBytes = 0;

  /** @param capBytes most bytes kept idle; buffers returned beyond it are left to the GC */
  constructor(private readonly capBytes: number) {}

  /** An idle buffer of the class for `bytes`, or undefined; its contents are garbage. */
  take(bytes: number): ArrayBuffer | undefined {
    const list = this.free.get(sizeClass(bytes));
    const buf = list?.pop();
    if (buf) this.pooledBytes -= buf.byteLength;
    return buf;
  }

  /** A new buffer of the class for `bytes`. */
  create(bytes: number): ArrayBuffer {
    return new ArrayBuffer(sizeClass(bytes));
  }

  put(buf: ArrayBuffer): void {
    if (this.pooledBytes + buf.byteLength > this.capBytes || buf.byteLength !== sizeClass(buf.byteLength)) return;
    let list = this.free.get(buf.byteLength);
    if (!list) this.free.set(buf.byteLength, (list = []));
    list.push(buf);
    this.pooledBytes += buf.byteLength;
  }

  /** False when the session turned pooling off (enableCpuMemArena: false). */
  get enabled(): boolean {
    return this.capBytes > 0;
  }
}
