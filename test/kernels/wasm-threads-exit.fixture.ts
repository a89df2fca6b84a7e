// Run by wasm-threads.test.ts in a child process: dispatches a GEMM to the worker pool and
// returns without closing it; the process must still exit on its own.
import { wasmGemmF32Threaded } from '../../kernels/wasm/wasm-f32-gemm.js';
import { wasmKernelsForThreads } from '../../kernels/wasm/wasm-threads.js';

const w = wasmKernelsForThreads(2)!;
const m = 64, n = 512, k = 64;
const out = wasmGemmF32Threaded(w, { m, n, k, a: new Float32Array(m * k).fill(1), b: new Float32Array(k * n).fill(1) });
const y = await out;
console.log(JSON.stringify({ dispatched: out instanceof Promise, threads: w.threads?.threads ?? 1, y0: y[0] }));
