// The job protocol between the main thread and the GEMM workers (see wasm-threads.ts), in
// one place for both sides: wasm-gemm-worker.mjs mirrors these constants and the claim loop
// (it is plain JavaScript, loaded without a TypeScript loader), and a test checks they agree.

/** Int32 slots of the control buffer. */
export const JOB_NEXT = 0;
export const JOB_DONE = 1;
export const JOB_ACTIVE = 2;
export const JOB_STARTING = 3;
/** Ranges computed by workers since the pool started (statistics for tests and benchmarks). */
export const JOB_WORKER_RANGES = 4;

/** Float64 slots: 14 for the call (m n k pa pb c ldc tiles beta bias biasMode act p0 p1), 4 per range. */
export const MAX_RANGES = 64;
export const JOB_PARAMS = 14 + 4 * MAX_RANGES;
export const SCRATCH_TILE_BYTES = 128; // MR x NR floats

/** The published job: 11 bits of sequence number, 10 of range count, 10 of next range. */
export function jobWord(seq: number, count: number, next: number): number {
  return (seq << 20) | (count << 10) | next;
}

interface RangeKernels {
  gemm_set_epilogue(beta: number, bias: number, biasMode: number, act: number, p0: number, p1: number): void;
  gemm_packed_range(
    m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number, tile: number,
    rowBegin: number, rowEnd: number, colBegin: number, colEnd: number,
  ): void;
}

/**
 * Claims and computes ranges of the published job until none is left. A claim succeeds only
 * while the word still names this job, and the main thread rewrites the parameters only after
 * every claimed range is done, so what is read after a claim is the claimed job's.
 */
export function runClaimedRanges(x: RangeKernels, ctl: Int32Array, p: Float64Array): void {
  let v = Atomics.load(ctl, JOB_NEXT);
  let epilogueSet = -1;
  while ((v & 0x3ff) < ((v >>> 10) & 0x3ff)) {
    const seen = Atomics.compareExchange(ctl, JOB_NEXT, v, v + 1);
    if (seen !== v) {
      v = seen;
      continue;
    }
    const r = v & 0x3ff, count = (v >>> 10) & 0x3ff;
    if (epilogueSet !== v >>> 20) {
      x.gemm_set_epilogue(p[8], p[9], p[10], p[11], p[12], p[13]);
      epilogueSet = v >>> 20;
    }
    const q = 14 + 4 * r;
    x.gemm_packed_range(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7] + r * SCRATCH_TILE_BYTES, p[q], p[q + 1], p[q + 2], p[q + 3]);
    if (Atomics.add(ctl, JOB_DONE, 1) + 1 === count) Atomics.notify(ctl, JOB_DONE);
    v = Atomics.load(ctl, JOB_NEXT);
  }
}
