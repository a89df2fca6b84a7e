// The main thread's side of the intra-op thread protocol (wasm-thread-protocol.ts), shared by
// Node's piscina pool (wasm-threads.ts) and browsers' Web Workers (wasm-threads.browser.ts):
// writes a job's parameters and ranges, publishes it in one word, claims ranges itself like
// any worker, then waits for the ranges workers claimed. Only two things differ per host, so
// they are passed in: how an idle worker is told to start serving, and how the main thread
// waits (Atomics.wait in Node and in a dedicated worker; never in a page's main thread, where
// Atomics.wait throws).
import type {
  GemmRange, WasmDepthwiseTask, WasmGemmTask, WasmI8GemmTask, WasmKernels, WasmNBitsGemmTask, WasmNBitsGemvTask, WasmThreadPool,
} from './wasm-module.js';
import {
  JOB_ACTIVE, JOB_DONE, JOB_DWCONV, JOB_FAILED, JOB_GEMM, JOB_HEADER, JOB_I8GEMM, JOB_NBITS_GEMM, JOB_NBITS_GEMV, JOB_NEXT, JOB_PARAMS, JOB_STARTING, JOB_WORKER_RANGES, MAX_RANGES,
  SCRATCH_TILE_BYTES, jobWord, runClaimedRanges,
} from './wasm-thread-protocol.js';

export interface JobWorkers {
  /** Workers serving or able to serve jobs. */
  readonly size: number;
  /**
   * Starts one serving loop (serveJobs) on a worker that has none, or returns false when every
   * worker has one already; the promise settles when that loop ends (rejects if the worker died).
   */
  startServing(control: SharedArrayBuffer, params: SharedArrayBuffer): Promise<unknown> | false;
  /** Returns once ctl[JOB_DONE] >= expected. */
  waitDone(ctl: Int32Array, expected: number): void;
}

export class WasmThreadJobs {
  readonly control = new SharedArrayBuffer(64);
  private readonly ctl = new Int32Array(this.control);
  private readonly params = new Float64Array(new SharedArrayBuffer(JOB_PARAMS * 8));
  private seq = 0;
  private jobs = 0;

  constructor(private readonly w: WasmKernels, private readonly workers: JobWorkers) {}

  /** A pool handle computing jobs with `threads` threads (the caller's and threads - 1 workers). */
  handle(threads: number): WasmThreadPool {
    return {
      threads: Math.min(threads, MAX_RANGES),
      runGemm: (t, r) => this.runGemm(t, r),
      runDepthwise: (t, r) => this.runDepthwise(t, r),
      runI8Gemm: (t, r) => this.runI8Gemm(t, r),
      runNBitsGemv: (t, r) => this.runNBitsGemv(t, r),
      runNBitsGemm: (t, r) => this.runNBitsGemm(t, r),
    };
  }

  runGemm(t: WasmGemmTask, ranges: readonly GemmRange[]): void {
    const count = Math.min(ranges.length, MAX_RANGES);
    // one scratch tile per range, taken per job so the pool holds no heap between jobs
    const tiles = this.w.heap.alloc(count * SCRATCH_TILE_BYTES);
    try {
      const p = this.params;
      p.set([JOB_GEMM, t.m, t.n, t.k, t.pa, t.pb, t.c, t.ldc, tiles, t.beta, t.bias, t.biasMode, t.act, t.p0, t.p1], 0);
      this.setRanges(ranges, count);
      this.publishAndJoin(count);
    } finally {
      this.w.heap.free(tiles);
    }
  }

  runI8Gemm(t: WasmI8GemmTask, ranges: readonly GemmRange[]): void {
    const count = Math.min(ranges.length, MAX_RANGES);
    const p = this.params;
    p.set([JOB_I8GEMM, t.m, t.n, t.k, t.pa, t.pb, t.c, t.ldc], 0);
    this.setRanges(ranges, count);
    this.publishAndJoin(count);
  }

  runNBitsGemv(t: WasmNBitsGemvTask, ranges: readonly (readonly [number, number])[]): void {
    const count = Math.min(ranges.length, MAX_RANGES);
    const tiles = this.w.heap.alloc(count * SCRATCH_TILE_BYTES);
    try {
      this.params.set([JOB_NBITS_GEMV, t.a, t.k, t.n, t.bits, t.blockSize, t.pw, t.pp, t.bias, t.y, tiles], 0);
      this.setSpans(ranges, count);
      this.publishAndJoin(count);
    } finally {
      this.w.heap.free(tiles);
    }
  }

  runNBitsGemm(t: WasmNBitsGemmTask, ranges: readonly (readonly [number, number])[]): void {
    const count = Math.min(ranges.length, MAX_RANGES);
    const scratchBytes = Math.ceil(this.w.exports.nbits_gemm_scratch_size() / 64) * 64;
    const tiles = this.w.heap.alloc(count * SCRATCH_TILE_BYTES);
    const scratch = this.w.heap.alloc(count * scratchBytes);
    try {
      this.params.set([JOB_NBITS_GEMM, t.m, t.n, t.k, t.bits, t.blockSize, t.pa, t.pw, t.pp, t.bias, t.c, t.ldc, tiles, scratch, scratchBytes], 0);
      this.setSpans(ranges, count);
      this.publishAndJoin(count);
    } finally {
      this.w.heap.free(scratch);
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
      this.setSpans(ranges, count);
      this.publishAndJoin(count);
    } finally {
      this.w.heap.free(scratch);
    }
  }

  private setRanges(ranges: readonly GemmRange[], count: number): void {
    for (let r = 0; r < count; r++) {
      const g = ranges[r];
      this.params.set([g.rowBegin, g.rowEnd, g.colBegin, g.colEnd], JOB_HEADER + 4 * r);
    }
  }

  /** Ranges of one axis: [begin, end) in the first two of each range's slots. */
  private setSpans(ranges: readonly (readonly [number, number])[], count: number): void {
    for (let r = 0; r < count; r++) this.params.set([ranges[r][0], ranges[r][1], 0, 0], JOB_HEADER + 4 * r);
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
      this.workers.waitDone(ctl, expected);
      throw e;
    }
    this.workers.waitDone(ctl, expected);
    if (Atomics.load(ctl, JOB_FAILED)) throw new Error('a kernel worker failed while computing its share of the job');
  }

  /** Workers inside a serving loop now. */
  get serving(): number {
    return Atomics.load(this.ctl, JOB_ACTIVE);
  }

  /** Starts serving loops on idle workers until every worker has one (or one on its way). */
  wake(): void {
    const ctl = this.ctl;
    while (Atomics.load(ctl, JOB_ACTIVE) + Atomics.load(ctl, JOB_STARTING) < this.workers.size) {
      Atomics.add(ctl, JOB_STARTING, 1);
      const serving = this.workers.startServing(this.control, this.params.buffer as SharedArrayBuffer);
      if (!serving) {
        Atomics.sub(ctl, JOB_STARTING, 1);
        return;
      }
      serving.catch(() => {
        // a worker that died never decremented STARTING: let a later job try again
        Atomics.sub(ctl, JOB_STARTING, 1);
      });
    }
  }

  get stats(): { jobs: number; workerRanges: number; workers: number } {
    return { jobs: this.jobs, workerRanges: Atomics.load(this.ctl, JOB_WORKER_RANGES), workers: this.workers.size };
  }
}
