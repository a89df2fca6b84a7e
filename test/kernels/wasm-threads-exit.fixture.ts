// Run by wasm-threads.test.ts in a child process: splits a GEMM across the worker pool and
// returns without closing it; the process must still exit on its own.
import { wasmGemmF32 } from '../../kernels/wasm/wasm-f32-gemm.js';
import { wasmKernelsForThreads, wasmThreadStats } from '../../kernels/wasm/wasm-threads.js';
import { loadWasmBinaries } from '../../kernels/wasm/wasm-module.js';

await loadWasmBinaries();

const w = wasmKernelsForThreads(2)!;
const m = 64, n = 512, k = 64;
const y = wasmGemmF32(w, { m, n, k, a: new Float32Array(m * k).fill(1), b: new Float32Array(k * n).fill(1) });
console.log(JSON.stringify({ split: wasmThreadStats().jobs > 0, threads: w.threads?.threads ?? 1, y0: y[0] }));
