// A piscina worker for the wasm provider's intra-op threads (see wasm-threads.ts): it
// instantiates the shared-memory build of the kernels on the main thread's WebAssembly.Memory
// (from workerData) and, while a serving task runs, claims and computes ranges of the GEMMs
// and depthwise convolutions the main thread publishes in the control buffer. It never
// allocates: every pointer comes from the main thread's heap. Plain JavaScript so Node loads
// it without a TypeScript loader; the protocol and serving loop come from
// wasm-thread-protocol.mjs, generated from the TypeScript one (browsers' Web Workers run the
// same loop: wasm-web-worker.ts).
import { Piscina } from 'piscina';
import { serveJobs } from './wasm-thread-protocol.mjs';

/** A serving loop with no job for this long ends, so the idle worker no longer holds Node. */
const IDLE_MS = 500;

const { bytes, memory } = Piscina.workerData;
const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;

/** The serving task: computes published ranges until IDLE_MS pass without a job. */
export default function serve({ control, params }) {
  serveJobs(kernels, new Int32Array(control), new Float64Array(params), IDLE_MS);
  return 0;
}
