// A Web Worker for the wasm provider's intra-op threads in browsers, the counterpart of Node's
// wasm-gemm-worker.mjs: the same serving loop (serveJobs) over the page's shared
// WebAssembly.Memory. Not imported by the runtime: `npm run build:worker-protocol` bundles it
// into a classic script held as a string in wasm-web-worker-source.ts, which
// wasm-threads.browser.ts starts from a Blob URL, so a bundler has no worker file to find.
import { webAssembly } from './wasm-api.js';
import type { WasmKernelExports } from './wasm-module.js';
import { serveJobs } from './wasm-thread-protocol.js';

/** What the main thread posts to start a serving loop (wasm-threads.browser.ts). */
export interface WebWorkerServe {
  bytes: Uint8Array;
  memory: object;
  control: SharedArrayBuffer;
  params: SharedArrayBuffer;
  idleMs: number;
}

interface WorkerScope {
  onmessage: ((e: { data: WebWorkerServe }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
let kernels: WasmKernelExports | undefined;

scope.onmessage = ({ data }) => {
  // a worker may compile synchronously, and instantiates once: the memory never changes
  kernels ??= new webAssembly!.Instance(new webAssembly!.Module(data.bytes), { env: { memory: data.memory } }).exports as unknown as WasmKernelExports;
  serveJobs(kernels, new Int32Array(data.control), new Float64Array(data.params), data.idleMs);
  scope.postMessage('idle');
};
