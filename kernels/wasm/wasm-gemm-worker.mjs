// A piscina worker for the wasm provider's intra-op threads: it instantiates the
// shared-memory build of the kernels on the main thread's WebAssembly.Memory (from
// workerData) and computes the GEMM ranges it is given. It never allocates: every pointer
// comes from the main thread's heap, so no tensor data is copied here. Plain JavaScript so
// Node loads it without a TypeScript loader (tests, tsx, and the built package alike).
import { Piscina } from 'piscina';

const { bytes, memory } = Piscina.workerData;
const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;

/** Computes one range of gemm_packed; the epilogue globals are per instance, so set them first. */
export default function gemmRange(t) {
  kernels.gemm_set_epilogue(t.beta, t.bias, t.biasMode, t.act, t.p0, t.p1);
  kernels.gemm_packed_range(t.m, t.n, t.k, t.pa, t.pb, t.c, t.ldc, t.tile, t.rowBegin, t.rowEnd, t.colBegin, t.colEnd);
  return 0;
}
