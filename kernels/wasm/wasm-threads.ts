// Intra-op threads for the wasm kernels. One piscina pool per process, started on first use,
// whose workers instantiate the shared-memory build against the same WebAssembly.Memory as
// the main thread (wasm-gemm-worker.mjs), so a GEMM or depthwise convolution is split by handing
// out pointers, never tensor data. Handing out goes through a small SharedArrayBuffer rather than
// piscina's messages: a message round trip measured ~120 us, more than a typical MobileNet GEMM.
//
// The protocol (wasm-thread-protocol.ts, driven by wasm-thread-jobs.ts): the main thread writes a job's parameters and ranges, then
// publishes it in one word (sequence number, range count, next range index). Workers serving
// in a loop and the main thread itself claim ranges by compare-exchange on that word, so a
// worker that is slow to wake (or was never started) just leaves its share to the main
// thread; the main thread then waits, with Atomics.wait, only for ranges someone claimed.
// A serving loop ends after IDLE_MS without jobs, its piscina task completes and piscina
// unrefs the idle worker: the pool never keeps Node alive.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { type WasmKernels, type WasmThreadPool, sharedWasmKernels, wasmKernels } from './wasm-module.js';
import { JOB_DONE, MAX_RANGES } from './wasm-thread-protocol.js';
import { type JobWorkers, WasmThreadJobs } from './wasm-thread-jobs.js';

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

/** Node's side of the pool: a serving loop is a piscina task, and the main thread may Atomics.wait. */
class PiscinaWorkers implements JobWorkers {
  constructor(private readonly piscina: Piscina, readonly size: number) {}

  startServing(control: SharedArrayBuffer, params: SharedArrayBuffer): Promise<unknown> {
    return this.piscina.run({ control, params });
  }

  waitDone(ctl: Int32Array, expected: number): void {
    for (let done = Atomics.load(ctl, JOB_DONE); done < expected; done = Atomics.load(ctl, JOB_DONE)) {
      Atomics.wait(ctl, JOB_DONE, done);
    }
  }

  close(): Promise<void> {
    return this.piscina.destroy();
  }
}

let shared: { jobs: WasmThreadJobs; workers: PiscinaWorkers } | null | undefined;
const handles = new Map<number, WasmThreadPool>();

/**
 * The process-wide workers on `kernels`' shared memory: availableParallelism() - 1 of them,
 * and at least as many as asked for. Started once, here, on first use.
 */
function gemmWorkers(kernels: WasmKernels, wanted: number): WasmThreadJobs | undefined {
  if (shared !== undefined) return shared?.jobs;
  const filename = workerPath();
  if (!filename || !kernels.sharedBytes) {
    shared = null;
    return undefined;
  }
  const size = Math.min(MAX_RANGES - 1, Math.max(wanted, os.availableParallelism() - 1, 1));
  try {
    const piscina = new Piscina({
      filename, minThreads: size, maxThreads: size, idleTimeout: Infinity, concurrentTasksPerWorker: 1,
      workerData: { bytes: kernels.sharedBytes, memory: kernels.memory },
    });
    const workers = new PiscinaWorkers(piscina, size);
    shared = { jobs: new WasmThreadJobs(kernels, workers), workers };
  } catch {
    shared = null;
  }
  return shared?.jobs;
}

/**
 * The kernels for `threads` intra-op threads: the shared-memory instance with a pool handle
 * when threads > 1 and the engine allows it, else the plain single-threaded kernels.
 */
export function wasmKernelsForThreads(threads: number): WasmKernels | undefined {
  const plain = wasmKernels();
  if (!plain) return undefined;
  // one thread still prefers shared memory: runs can then keep their arena in it (no copies)
  if (!(threads > 1)) return sharedWasmKernels() ?? plain;
  const kernels = sharedWasmKernels();
  const workers = kernels && gemmWorkers(kernels, threads - 1);
  if (!kernels || !workers) return plain;
  let handle = handles.get(threads);
  if (!handle) {
    handle = workers.handle(threads);
    handles.set(threads, handle);
  }
  return { ...kernels, threads: handle };
}

/**
 * Jobs (GEMMs and depthwise convolutions) split so far, ranges the workers (not the main
 * thread) computed, and the pool's workers.
 */
export function wasmThreadStats(): { jobs: number; workerRanges: number; workers: number } {
  return shared ? shared.jobs.stats : { jobs: 0, workerRanges: 0, workers: 0 };
}

/** Why sessions asking for threads run single-threaded here, or undefined when they need not (Node: never said). */
export function wasmThreadsUnavailable(): string | undefined {
  return undefined;
}

/** For the wasm provider's start: nothing to wait for in Node, where piscina starts its workers on their own threads. */
export async function startWasmThreads(threads: number): Promise<void> {
  void threads;
}

/** Stops the workers (tests, or a host that wants a clean shutdown); a later use restarts them. */
export async function closeWasmThreads(): Promise<void> {
  const s = shared;
  shared = undefined;
  handles.clear();
  if (s) await s.workers.close();
}
