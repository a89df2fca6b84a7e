// A piscina worker for the wasm provider's intra-op threads (see wasm-threads.ts): it
// instantiates the shared-memory build of the kernels on the main thread's WebAssembly.Memory
// (from workerData) and, while a serving task runs, claims and computes ranges of the GEMMs
// and depthwise convolutions the main thread publishes in the control buffer. It never
// allocates: every pointer comes from the main thread's heap. Plain JavaScript so Node loads
// it without a TypeScript loader; the protocol comes from wasm-thread-protocol.mjs, generated
// from the TypeScript one.
import { Piscina } from 'piscina';
import { JOB_ACTIVE, JOB_NEXT, JOB_STARTING, runClaimedRanges } from './wasm-thread-protocol.mjs';

/** A serving loop with no job for this long ends, so the idle worker no longer holds Node. */
const IDLE_MS = 500;

const { bytes, memory } = Piscina.workerData;
const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;

/** The serving loop: computes published ranges until IDLE_MS pass without a job. */
export default function serve({ control, params }) {
  const ctl = new Int32Array(control), p = new Float64Array(params);
  Atomics.add(ctl, JOB_ACTIVE, 1);
  Atomics.sub(ctl, JOB_STARTING, 1);
  try {
    for (;;) {
      runClaimedRanges(kernels, ctl, p, true);
      const v = Atomics.load(ctl, JOB_NEXT);
      if ((v & 0x3ff) < ((v >>> 10) & 0x3ff)) continue;
      if (Atomics.wait(ctl, JOB_NEXT, v, IDLE_MS) === 'timed-out') break;
    }
  } finally {
    Atomics.sub(ctl, JOB_ACTIVE, 1);
  }
  return 0;
}
