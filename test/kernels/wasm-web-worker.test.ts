// Browsers' kernel worker is wasm-web-worker.ts bundled with the same protocol as Node's
// (wasm-web-worker-source.ts, generated): it must be current, and it must run the protocol's
// serving loop, computing a published GEMM range on shared memory as Node's workers do.
import fs from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { WEB_WORKER_SOURCE_MODULE, webWorkerSourceModule } from '../../scripts/generate-worker-protocol.js';
import { WEB_WORKER_SOURCE } from '../../kernels/wasm/wasm-web-worker-source.js';
import { loadWasmBinaries, instantiateSharedWasmKernels, wasmKernels } from '../../kernels/wasm/wasm-module.js';
import { JOB_DONE, JOB_GEMM, JOB_HEADER, JOB_NEXT, JOB_PARAMS, JOB_STARTING, JOB_WORKER_RANGES, SCRATCH_TILE_BYTES, jobWord } from '../../kernels/wasm/wasm-thread-protocol.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

describe("browsers' kernel worker script", () => {
  it('is current (npm run build:worker-protocol)', () => {
    expect(fs.readFileSync(WEB_WORKER_SOURCE_MODULE, 'utf8')).toBe(webWorkerSourceModule());
  });

  it("serves a published GEMM job on the page's shared memory, as the protocol says", () => {
    const k = instantiateSharedWasmKernels(wasmKernels()!.variant)!;
    const [m, n, kk] = [8, 16, 4];
    const a = Float32Array.from({ length: m * kk }, (_, i) => (i % 7) - 3);
    const b = Float32Array.from({ length: kk * n }, (_, i) => (i % 5) - 2);
    const pa = k.heap.alloc(k.exports.gemm_packed_a_size(m, kk) * 4), pb = k.heap.alloc(k.exports.gemm_packed_b_size(kk, n) * 4);
    const ap = k.heap.alloc(a.byteLength), bp = k.heap.alloc(b.byteLength), c = k.heap.alloc(m * n * 4), tiles = k.heap.alloc(SCRATCH_TILE_BYTES);
    new Float32Array(k.memory.buffer, ap, a.length).set(a);
    new Float32Array(k.memory.buffer, bp, b.length).set(b);
    k.exports.gemm_pack_a(ap, kk, 0, m, kk, 1, pa);
    k.exports.gemm_pack_b(bp, n, 0, kk, n, pb);
    const control = new SharedArrayBuffer(64), ctl = new Int32Array(control);
    const params = new SharedArrayBuffer(JOB_PARAMS * 8), p = new Float64Array(params);
    p.set([JOB_GEMM, m, n, kk, pa, pb, c, n, tiles, 0, 0, 0, 0, 0, 0], 0);
    p.set([0, m, 0, n], JOB_HEADER);
    Atomics.store(ctl, JOB_NEXT, jobWord(1, 1, 0));
    Atomics.store(ctl, JOB_STARTING, 1);
    // the worker's global scope: its onmessage, and the reply it posts when its loop ends
    const replies: unknown[] = [];
    const scope: Record<string, unknown> = { WebAssembly: (globalThis as Record<string, unknown>).WebAssembly, Atomics, Int32Array, Float64Array, postMessage: (m: unknown) => replies.push(m) };
    scope.globalThis = scope;
    vm.runInNewContext(WEB_WORKER_SOURCE, scope);
    (scope.onmessage as (e: unknown) => void)({ data: { bytes: k.sharedBytes, memory: k.memory, control, params, idleMs: 1 } });
    expect(replies).toEqual(['idle']);
    expect([Atomics.load(ctl, JOB_DONE), Atomics.load(ctl, JOB_WORKER_RANGES), Atomics.load(ctl, JOB_STARTING)]).toEqual([1, 1, 0]);
    const got = new Float32Array(k.memory.buffer, c, m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < kk; q++) s += a[i * kk + q] * b[q * n + j];
        expect(got[i * n + j]).toBe(s);
      }
    }
  });
});
