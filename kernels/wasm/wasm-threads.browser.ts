// wasm-threads.ts for browsers (bundles get this file through package.json's "browser" field):
// where the page is crossOriginIsolated (so SharedArrayBuffer and shared WebAssembly.Memory
// exist), the same intra-op threads as in Node, on Web Workers sharing the page's memory and
// running the same serving loop (wasm-web-worker.ts, started from a Blob URL); elsewhere the
// kernels run on the calling thread only, and wasmThreadsUnavailable() says why.
//
// Waiting: Node's main thread Atomics.waits for the ranges workers claimed, but a window's
// main thread may not (Atomics.wait throws there), and the kernels are synchronous, so there
// is no await to yield at. The protocol already makes the caller compute every range nobody
// has claimed; it only waits for ranges a worker has claimed, i.e. is computing right now,
// so the wait is at most one range (1/(4 x threads) of one GEMM or depthwise convolution) and
// never on a worker that is still starting or asleep. A page's main thread therefore spins
// on Atomics.load for that remainder instead of sleeping, and is busy for no longer than the
// single-threaded kernel would keep it. In a dedicated worker (env.wasm.proxy's, where a page
// should run long models) it Atomics.waits, as in Node.
import { host } from '../../data/platform/host.js';
import { type WasmKernels, type WasmThreadPool, sharedWasmKernels, wasmKernels } from './wasm-module.js';
import { JOB_DONE, MAX_RANGES } from './wasm-thread-protocol.js';
import { type JobWorkers, WasmThreadJobs } from './wasm-thread-jobs.js';
import { WEB_WORKER_SOURCE } from './wasm-web-worker-source.js';
import type { WebWorkerServe } from './wasm-web-worker.js';

interface WebWorker {
  postMessage(message: WebWorkerServe): void;
  terminate(): void;
  onmessage: (() => void) | null;
  onerror: (() => void) | null;
}
interface Page {
  Worker?: new (url: string, options?: { name?: string }) => WebWorker;
  Blob?: new (parts: string[], options?: { type?: string }) => object;
  URL: { createObjectURL?(blob: object): string; revokeObjectURL?(url: string): void };
  crossOriginIsolated?: boolean;
}
const page = globalThis as unknown as Page;

/** The name each kernel worker gets (it shows in the browser's devtools). */
const KERNEL_WORKER_NAME = 'onnx-ts-wasm-thread';
/** A worker claiming a range and never finishing it (it was killed) fails the job after this long. */
const SPIN_LIMIT_MS = 30_000;
/** How long session creation waits for new workers to start serving (startWasmThreads). */
const STARTUP_WAIT_MS = 5_000;

/** As onnxruntime-web: half the cores, at most 4, where threads can run; else 1. */
export function defaultWasmThreads(): number {
  return wasmThreadsUnavailable() ? 1 : Math.max(1, Math.min(4, Math.ceil(host.availableParallelism() / 2)));
}

/** Why sessions asking for threads run single-threaded here, or undefined when they need not. */
export function wasmThreadsUnavailable(): string | undefined {
  if (typeof page.Worker !== 'function' || typeof page.Blob !== 'function' || !page.URL?.createObjectURL) return 'this context cannot start Web Workers';
  if (page.crossOriginIsolated !== true) {
    return 'the page is not crossOriginIsolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  }
  if (!sharedWasmKernels()) return 'this engine has no shared WebAssembly.Memory';
  return undefined;
}

/** Whether this thread may block in Atomics.wait (a worker may; a window's main thread may not). */
function mayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

interface Slot { worker: WebWorker; serving: boolean; dead: boolean; settle?: { resolve(): void; reject(): void } }

/** Web Workers on the page's shared memory; each, once started, serves until terminated. */
class WebWorkers implements JobWorkers {
  private readonly slots: Slot[] = [];
  private readonly blocking = mayBlock();

  constructor(private readonly url: string, private readonly bytes: Uint8Array, private readonly memory: object) {}

  get size(): number {
    return this.slots.length;
  }

  /** Workers that have not failed. */
  get live(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /** Adds workers up to `count` (a later session may ask for more threads than an earlier one). */
  grow(count: number): void {
    while (this.slots.length < count) {
      const slot: Slot = { worker: new page.Worker!(this.url, { name: KERNEL_WORKER_NAME }), serving: false, dead: false };
      slot.worker.onmessage = () => {
        slot.serving = false;
        slot.settle?.resolve();
      };
      slot.worker.onerror = () => {
        // a worker that cannot start (a CSP without blob: workers) stays out of the pool
        slot.dead = true;
        slot.settle?.reject();
      };
      this.slots.push(slot);
    }
  }

  startServing(control: SharedArrayBuffer, params: SharedArrayBuffer): Promise<void> | false {
    const slot = this.slots.find((s) => !s.serving && !s.dead);
    if (!slot) return false;
    slot.serving = true;
    return new Promise<void>((resolve, reject) => {
      slot.settle = { resolve, reject };
      slot.worker.postMessage({ bytes: this.bytes, memory: this.memory, control, params, idleMs: Infinity });
    });
  }

  waitDone(ctl: Int32Array, expected: number): void {
    if (this.blocking) {
      for (let done = Atomics.load(ctl, JOB_DONE); done < expected; done = Atomics.load(ctl, JOB_DONE)) Atomics.wait(ctl, JOB_DONE, done);
      return;
    }
    // a window's main thread: spin for the ranges workers are computing (see the top of this file)
    const start = performance.now();
    while (Atomics.load(ctl, JOB_DONE) < expected) {
      if (performance.now() - start > SPIN_LIMIT_MS) throw new Error(`a kernel worker claimed a range and did not finish it within ${SPIN_LIMIT_MS} ms`);
    }
  }

  close(): void {
    for (const s of this.slots) s.worker.terminate();
    page.URL.revokeObjectURL?.(this.url);
  }
}

let shared: { jobs: WasmThreadJobs; workers: WebWorkers } | null | undefined;
const handles = new Map<number, WasmThreadPool>();

/** The page's kernel workers, at least `wanted` of them, on `kernels`' shared memory. */
function webWorkerJobs(kernels: WasmKernels, wanted: number): WasmThreadJobs | undefined {
  if (shared === undefined) {
    try {
      const url = page.URL.createObjectURL!(new page.Blob!([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
      const workers = new WebWorkers(url, kernels.sharedBytes!, kernels.memory);
      shared = { jobs: new WasmThreadJobs(kernels, workers), workers };
    } catch {
      shared = null;
    }
  }
  if (!shared) return undefined;
  try {
    shared.workers.grow(Math.min(MAX_RANGES - 1, wanted));
  } catch {
    // new Worker refused (a SecurityError): those started so far still serve
  }
  return shared.workers.size > 0 ? shared.jobs : undefined;
}

/**
 * The kernels for `threads` intra-op threads: the shared-memory instance with a pool handle
 * when threads > 1 and the page allows it, else the plain single-threaded kernels.
 */
export function wasmKernelsForThreads(threads: number): WasmKernels | undefined {
  const plain = wasmKernels();
  if (!plain) return undefined;
  // only an isolated page has shared memory; one thread still prefers it (runs keep their arena there)
  if (!(threads > 1)) return (page.crossOriginIsolated === true && sharedWasmKernels()) || plain;
  if (wasmThreadsUnavailable()) return plain;
  const kernels = sharedWasmKernels()!;
  const jobs = webWorkerJobs(kernels, threads - 1);
  if (!jobs) return plain;
  let handle = handles.get(threads);
  if (!handle) {
    handle = jobs.handle(threads);
    handles.set(threads, handle);
  }
  return { ...kernels, threads: handle };
}

/**
 * Starts the workers for `threads` and waits (up to STARTUP_WAIT_MS) until each serves. A
 * worker starts only while the page's main thread is free, and a session's runs may never
 * yield it, so the wasm provider awaits this when a session is created: its first run is
 * already threaded.
 */
export async function startWasmThreads(threads: number): Promise<void> {
  if (!wasmKernelsForThreads(threads)?.threads || !shared) return;
  const { jobs, workers } = shared;
  jobs.wake();
  const deadline = performance.now() + STARTUP_WAIT_MS;
  while (jobs.serving < workers.live && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Jobs split so far, ranges the workers (not the calling thread) computed, and the pool's workers. */
export function wasmThreadStats(): { jobs: number; workerRanges: number; workers: number } {
  return shared ? shared.jobs.stats : { jobs: 0, workerRanges: 0, workers: 0 };
}

/** Terminates the workers; a later use starts new ones. */
export async function closeWasmThreads(): Promise<void> {
  const s = shared;
  shared = undefined;
  handles.clear();
  s?.workers.close();
}
