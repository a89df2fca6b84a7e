// Intra-op threads for the wasm kernels. One piscina pool per process, started on first use,
// whose workers instantiate the shared-memory build against the same WebAssembly.Memory as
// the main thread (wasm-gemm-worker.mjs), so a GEMM or depthwise convolution is split by handing
// out pointers, never tensor data. Handing out goes through a small SharedArrayBuffer rather than
// piscina's messages: a message round trip measured ~120 us, more than a typical MobileNet GEMM.
//
// The protocol (JOB_* below): the main thread writes a job's parameters and ranges, then
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
import {
  type GemmRange, type WasmDepthwiseTask, type WasmGemmTask, type WasmKernels, type WasmThreadPool, sharedWasmKernels, wasmKernels,
} from './wasm-module.js';
import {
  JOB_ACTIVE, JOB_DONE, JOB_DWCONV, JOB_FAILED, JOB_GEMM, JOB_HEADER, JOB_NEXT, JOB_PARAMS, JOB_STARTING, JOB_WORKER_RANGES, MAX_RANGES,
  SCRATCH_TILE_BYTES, jobWord, runClaimedRanges,
} from './wasm-thread-protocol.js';

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

class GemmWorkers implements WasmThreadPool {
  private readonly control = new SharedArrayBuffer(64);
  private readonly ctl = new Int32Array(this.control);
  private readonly params = new Float64Array(new SharedArrayBuffer(JOB_PARAMS * 8));
  private seq = 0;
  private jobs = 0;

  constructor(private readonly w: WasmKernels, private readonly piscina: Piscina, private readonly workers: number, readonly threads: number) {}

  runGemm(t: WasmGemmTask, ranges: readonly GemmRange[]): void {
    const count = Math.min(ranges.length, MAX_RANGES);
    // one scratch tile per range, taken per job so the pool holds no heap between jobs
    const tiles = this.w.heap.alloc(count * SCRATCH_TILE_BYTES);
    try {
      const p = this.params;
      p.set([JOB_GEMM, t.m, t.n, t.k, t.pa, t.pb, t.c, t.ldc, tiles, t.beta, t.bias, t.biasMode, t.act, t.p0, t.p1], 0);
      for (let r = 0; r < count; r++) {
        const g = ranges[r];
        p.set([g.rowBegin, g.rowEnd, g.colBegin, g.colEnd], JOB_HEADER + 4 * r);
      }
      this.publishAndJoin(count);
    } finally {
      this.w.heap.free(tiles);
    }
  }

  runDepthwise(t: WasmDepthwiseTask, ranges: readonly (readonly [number, number])[]): void {
    const count = Math.min(ranges.length, MAX_RANGES);
    // one scratch plane per range
    const bytes = this.w.exports.dwconv_3x3_scratch_size(t.oh, t.ow, t.stride) * 4;
    const stride = Math.ceil(bytes / 64) * 64;
    const scratch = this.w.heap.alloc(count * stride);
    try {
      const p = this.params;
      p.set([
        JOB_DWCONV, t.x, t.wts, t.bias, t.y, t.channels, t.h, t.w, t.oh, t.ow, t.padT, t.padL, t.stride, t.z, t.act, t.p0, t.p1,
        scratch, stride,
      ], 0);
      for (let r = 0; r < count; r++) p.set([ranges[r][0], ranges[r][1], 0, 0], JOB_HEADER + 4 * r);
      this.publishAndJoin(count);
    } finally {
      this.w.heap.free(scratch);
    }
  }

  private publishAndJoin(count: number): void {
    const p = this.params, ctl = this.ctl;
    this.seq = (this.seq + 1) & 0x7ff;
    this.jobs++;
    Atomics.store(ctl, JOB_DONE, 0);
    Atomics.store(ctl, JOB_FAILED, 0);
    Atomics.store(ctl, JOB_NEXT, jobWord(this.seq, count, 0));
    this.wake();
    Atomics.notify(ctl, JOB_NEXT);
    let expected = count;
    try {
      runClaimedRanges(this.w.exports, ctl, p);
    } catch (e) {
      // a trap in the main thread's range: close the job to new claims, then wait for the
      // ranges workers already claimed before the caller frees what they read and write
      let v = Atomics.load(ctl, JOB_NEXT);
      for (let seen; (v & 0x3ff) < count && (seen = Atomics.compareExchange(ctl, JOB_NEXT, v, jobWord(this.seq, count, count))) !== v;) v = seen;
      expected = (v & 0x3ff) - 1;
      this.waitDone(expected);
      throw e;
    }
    this.waitDone(expected);
    if (Atomics.load(ctl, JOB_FAILED)) throw new Error('a kernel worker failed while computing its share of the job');
  }

  private waitDone(expected: number): void {
    const ctl = this.ctl;
    for (let done = Atomics.load(ctl, JOB_DONE); done < expected; done = Atomics.load(ctl, JOB_DONE)) {
      Atomics.wait(ctl, JOB_DONE, done);
    }
  }

  /** Starts serving loops on idle workers until every worker has one (or one on its way). */
  private wake(): void {
    const ctl = this.ctl;
    while (Atomics.load(ctl, JOB_ACTIVE) + Atomics.load(ctl, JOB_STARTING) < this.workers) {
      Atomics.add(ctl, JOB_STARTING, 1);
      this.piscina.run({ control: this.control, params: this.params.buffer }).catch(() => {
        // a worker that died never decremented STARTING: let a later job try again
        Atomics.sub(ctl, JOB_STARTING, 1);
      });
    }
  }

  get stats(): { jobs: number; workerRanges: number } {
    return { jobs: this.jobs, workerRanges: Atomics.load(this.ctl, JOB_WORKER_RANGES) };
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

let shared: GemmWorkers | null | undefined;
const handles = new Map<number, WasmThreadPool>();

/**
 * The process-wide workers on `kernels`' shared memory: availableParallelism() - 1 of them,
 * and at least as many as asked for. Started once, here, on first use.
 */
function gemmWorkers(kernels: WasmKernels, wanted: number): GemmWorkers | undefined {
  if (shared !== undefined) return shared ?? undefined;
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
    shared = new GemmWorkers(kernels, piscina, size, size + 1);
  } catch {
    shared = null;
  }
  return shared ?? undefined;
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
    const parts = Math.min(threads, MAX_RANGES);
    handle = { threads: parts, runGemm: (t, r) => workers.runGemm(t, r), runDepthwise: (t, r) => workers.runDepthwise(t, r) };
    handles.set(threads, handle);
  }
  return { ...kernels, threads: handle };
}

/** Jobs (GEMMs and depthwise convolutions) split so far and ranges the workers (not the main thread) computed. */
export function wasmThreadStats(): { jobs: number; workerRanges: number } {
  return shared ? shared.stats : { jobs: 0, workerRanges: 0 };
}

/** Stops the workers (tests, or a host that wants a clean shutdown); a later use restarts them. */
export async function closeWasmThreads(): Promise<void> {
  const s = shared;
  shared = undefined;
  handles.clear();
  if (s) await s.close();
}
