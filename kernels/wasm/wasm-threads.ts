// Intra-op threads for the wasm kernels: one piscina pool per process, started on first use,
// whose workers instantiate the shared-memory build against the same WebAssembly.Memory as
// the main thread (wasm-gemm-worker.mjs). Ops then hand workers pointers, never tensor data.
// Where shared memory is unavailable the ops get the single-threaded kernels instead.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  type WasmGemmRangeTask, type WasmKernels, type WasmThreadPool, sharedWasmKernels, wasmKernels,
} from './wasm-module.js';

/** The thread count used when a session does not set intraOpNumThreads. */
export function defaultWasmThreads(): number {
  return Math.max(1, os.availableParallelism());
}

/** Beside this file in the repository, or up from dist/kernels/wasm. */
function workerPath(): string | undefined {
  for (const rel of ['./wasm-gemm-worker.mjs', '../../../kernels/wasm/wasm-gemm-worker.mjs']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

let pool: Piscina | undefined;
let poolFailed = false;

/**
 * The process-wide worker pool on `shared`'s memory, sized for at least `workers` workers.
 * Its workers are unref'd while idle (piscina does so), so they never keep Node alive.
 */
function workerPool(shared: WasmKernels, workers: number): Piscina | undefined {
  if (pool || poolFailed) return pool;
  const filename = workerPath();
  if (!filename || !shared.sharedBytes) {
    poolFailed = true;
    return undefined;
  }
  const size = Math.max(workers, os.availableParallelism() - 1, 1);
  try {
    pool = new Piscina({
      filename, minThreads: size, maxThreads: size, idleTimeout: Infinity,
      workerData: { bytes: shared.sharedBytes, memory: shared.memory },
    });
  } catch {
    poolFailed = true;
  }
  return pool;
}

const pools = new Map<number, WasmThreadPool>();

/**
 * The kernels for `threads` intra-op threads: the shared-memory instance with a pool handle
 * when threads > 1 and the engine allows it, else the plain single-threaded kernels.
 */
export function wasmKernelsForThreads(threads: number): WasmKernels | undefined {
  const plain = wasmKernels();
  if (!plain || !(threads > 1)) return plain;
  const shared = sharedWasmKernels();
  const p = shared && workerPool(shared, threads - 1);
  if (!shared || !p) return plain;
  let handle = pools.get(threads);
  if (!handle) {
    handle = { threads, runGemmRange: (task: WasmGemmRangeTask) => p.run(task) };
    pools.set(threads, handle);
  }
  return { ...shared, threads: handle };
}

/** Stops the workers (tests, or a host that wants a clean shutdown); a later use restarts them. */
export async function closeWasmThreads(): Promise<void> {
  const p = pool;
  pool = undefined;
  pools.clear();
  if (p) await p.destroy();
}
