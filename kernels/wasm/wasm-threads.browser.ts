// wasm-threads.ts for hosts without Node's worker threads (browser bundles get this file
// through package.json's "browser" field): the kernels run on the calling thread only.
import { type WasmKernels, wasmKernels } from './wasm-module.js';

export function defaultWasmThreads(): number {
  return 1;
}

export function wasmKernelsForThreads(threads: number): WasmKernels | undefined {
  void threads;
  return wasmKernels();
}

export function wasmThreadStats(): { jobs: number; workerRanges: number } {
  return { jobs: 0, workerRanges: 0 };
}

export async function closeWasmThreads(): Promise<void> {}
