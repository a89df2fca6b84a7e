// A piscina worker for the wasm provider's intra-op threads (see wasm-threads.ts): it
// instantiates the shared-memory build of the kernels on the main thread's WebAssembly.Memory
// (from workerData) and, while a serving task runs, claims and computes ranges of the GEMMs
// and depthwise convolutions the main thread publishes in the control buffer. It never
// allocates: every pointer comes from the main thread's heap. Plain JavaScript so Node loads it without a TypeScript loader;
// the constants and the claim loop mirror wasm-thread-protocol.ts (a test checks them).
import { Piscina } from 'piscina';

const JOB_NEXT = 0;
const JOB_DONE = 1;
const JOB_ACTIVE = 2;
const JOB_STARTING = 3;
const JOB_WORKER_RANGES = 4;
const JOB_FAILED = 5;
const SCRATCH_TILE_BYTES = 128;
const JOB_GEMM = 0;
const JOB_DWCONV = 1;
const JOB_HEADER = 19;
/** A serving loop with no job for this long ends, so the idle worker no longer holds Node. */
const IDLE_MS = 500;

const { bytes, memory } = Piscina.workerData;
const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;

function runClaimedRanges(ctl, p) {
  let v = Atomics.load(ctl, JOB_NEXT);
  let epilogueSet = -1;
  while ((v & 0x3ff) < ((v >>> 10) & 0x3ff)) {
    const seen = Atomics.compareExchange(ctl, JOB_NEXT, v, v + 1);
    if (seen !== v) {
      v = seen;
      continue;
    }
    const r = v & 0x3ff, count = (v >>> 10) & 0x3ff;
    // the epilogue lives in this instance's globals
    if (p[0] === JOB_GEMM && epilogueSet !== v >>> 20) {
      kernels.gemm_set_epilogue(p[9], p[10], p[11], p[12], p[13], p[14]);
      epilogueSet = v >>> 20;
    }
    const q = JOB_HEADER + 4 * r;
    try {
      if (p[0] === JOB_DWCONV) {
        kernels.dwconv_3x3_range(
          p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16],
          p[17] + r * p[18], p[q], p[q + 1],
        );
      } else {
        kernels.gemm_packed_range(p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8] + r * SCRATCH_TILE_BYTES, p[q], p[q + 1], p[q + 2], p[q + 3]);
      }
    } catch {
      // the range still counts as done, or the main thread would wait for it forever;
      // the failure flag makes the main thread report the job as failed
      Atomics.store(ctl, JOB_FAILED, 1);
    }
    Atomics.add(ctl, JOB_WORKER_RANGES, 1);
    if (Atomics.add(ctl, JOB_DONE, 1) + 1 === count) Atomics.notify(ctl, JOB_DONE);
    v = Atomics.load(ctl, JOB_NEXT);
  }
}

/** The serving loop: computes published ranges until IDLE_MS pass without a job. */
export default function serve({ control, params }) {
  const ctl = new Int32Array(control), p = new Float64Array(params);
  Atomics.add(ctl, JOB_ACTIVE, 1);
  Atomics.sub(ctl, JOB_STARTING, 1);
  try {
    for (;;) {
      runClaimedRanges(ctl, p);
      const v = Atomics.load(ctl, JOB_NEXT);
      if ((v & 0x3ff) < ((v >>> 10) & 0x3ff)) continue;
      if (Atomics.wait(ctl, JOB_NEXT, v, IDLE_MS) === 'timed-out') break;
    }
  } finally {
    Atomics.sub(ctl, JOB_ACTIVE, 1);
  }
  return 0;
}
