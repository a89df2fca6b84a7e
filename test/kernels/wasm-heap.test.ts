// The linear-memory allocator: alignment, reuse of freed blocks, merging of neighbours,
// growth of the memory, and frames that free on throw.
import { describe, expect, it } from 'vitest';
import { webAssembly } from '../../kernels/wasm/wasm-api.js';
import { WasmHeap, withFrame } from '../../kernels/wasm/wasm-heap.js';
import { ResourceLimitError } from '../../data/errors.js';

function heap(): WasmHeap {
  return new WasmHeap(new webAssembly!.Memory({ initial: 1, maximum: 100 }), 100);
}

describe('WasmHeap', () => {
  it('hands out 64-byte aligned, non-overlapping blocks', () => {
    const h = heap();
    const a = h.alloc(10), b = h.alloc(100), c = h.alloc(64);
    expect([a % 64, b % 64, c % 64]).toEqual([0, 0, 0]);
    expect(a).toBeGreaterThanOrEqual(100);
    expect(b).toBeGreaterThanOrEqual(a + 64);
    expect(c).toBeGreaterThanOrEqual(b + 128);
  });

  it('reuses freed blocks first-fit and merges neighbours', () => {
    const h = heap();
    const a = h.alloc(64), b = h.alloc(64), c = h.alloc(64), guard = h.alloc(64);
    h.free(a); h.free(c); h.free(b);
    // a, b and c merged into one 192-byte block
    expect(h.alloc(192)).toBe(a);
    h.free(guard);
    expect(h.used).toBe(192);
  });

  it('grows the memory and refreshes its views', () => {
    const h = heap();
    const before = h.memory.buffer.byteLength;
    const p = h.alloc(3 * 65536);
    expect(h.memory.buffer.byteLength).toBeGreaterThan(before);
    h.f32[(p >> 2) + 3 * 16384 - 1] = 42;
    expect(h.readF32(p + 3 * 65536 - 4, 1)[0]).toBe(42);
  });

  it('reports running out of memory as a ResourceLimitError', () => {
    const h = new WasmHeap(new webAssembly!.Memory({ initial: 1, maximum: 2 }), 0);
    expect(() => h.alloc(3 * 65536)).toThrow(ResourceLimitError);
    expect(h.used).toBe(0);
  });

  it('frees a frame even when its body throws, and rejects a double free', () => {
    const h = heap();
    expect(() => withFrame(h, (f) => { f.alloc(1000); throw new Error('boom'); })).toThrow('boom');
    expect(h.used).toBe(0);
    const p = h.alloc(8);
    h.free(p);
    expect(() => h.free(p)).toThrow(/not a live block/);
  });
});
