// MatMulNBits' kernels from JavaScript (assembly/nbits-gemm.ts): 4- or 8-bit block-quantized
// weights prepacked once into panels of 8 columns, then dequantized a block at a time inside the
// product, never as a whole float32 matrix: a GEMV for one row of A, the float GEMM's 4x8
// micro-kernel on dequantized KC x NC pieces for more.
import { type WasmFrame, withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';
import { splitPlanes } from './wasm-f32-conv.js';
import { rangeCount } from './wasm-thread-protocol.js';
import type { PackedWeights } from './packed-weights.js';
import { GEMM_MR, GEMM_NR, PARALLEL_MIN_MACS, packA } from './wasm-f32-gemm.js';

/** The bit widths the kernels take (MatMulNBits also allows 2, which stays on the reference). */
export const WASM_NBITS = [4, 8] as const;

export interface NBitsShape {
  k: number;
  n: number;
  bits: 4 | 8;
  blockSize: number;
}

/** MatMulNBits' weight inputs as stored: B's bytes, float32 scales [n, kBlocks], packed uint8 zero points or none. */
export interface NBitsWeightData {
  b: Uint8Array;
  scales: Float32Array;
  zeroPoints?: Uint8Array;
}

function copyIn(frame: WasmFrame, bytes: Uint8Array): number {
  const p = frame.alloc(bytes.length);
  new Uint8Array(frame.heap.memory.buffer).set(bytes, p);
  return p;
}

/** Packs the weights into two heap blocks (weights, then zero points and scales) in `frame`, or the heap when null. */
export function packNBits(w: WasmKernels, frame: WasmFrame | null, s: NBitsShape, d: NBitsWeightData): [number, number] {
  const x = w.exports;
  const kBlocks = Math.ceil(s.k / s.blockSize);
  const alloc = (bytes: number) => (frame ? frame.alloc(bytes) : w.heap.alloc(bytes));
  const pw = alloc(x.nbits_packed_weights_size(s.k, s.n, s.bits));
  const pp = alloc(x.nbits_packed_params_size(s.n, kBlocks));
  withFrame(w.heap, (tmp) => {
    x.nbits_pack_weights(copyIn(tmp, d.b), s.k, s.n, s.bits, s.blockSize, pw);
    x.nbits_pack_params(tmp.allocF32(d.scales), d.zeroPoints ? copyIn(tmp, d.zeroPoints) : 0, s.n, kBlocks, s.bits, pp);
  });
  return [pw, pp];
}

/** Packs constant weights into `cache` now, at session creation, so the first run does not pay for it. */
export function prepackNBits(w: WasmKernels, cache: PackedWeights, s: NBitsShape, d: NBitsWeightData): void {
  cache.get(d.b, () => packNBits(w, null, s, d));
}

export interface WasmMatMulNBitsArgs {
  /** Rows of A (every leading dim of A folded in). */
  m: number;
  shape: NBitsShape;
  /** A, m x k. */
  a: Float32Array;
  weights: NBitsWeightData;
  /** Reuses the packed weights across calls while `weights.b` is the same array (initializers). */
  cache?: PackedWeights;
  /** n floats added to every row. */
  bias?: Float32Array;
  /** Where Y goes (the node's planned output); a new array if absent. */
  out?: Float32Array;
}

/** Y = A @ dequantize(B)^T + bias, m x n. */
export function wasmMatMulNBits(w: WasmKernels, g: WasmMatMulNBitsArgs): Float32Array {
  const { m, shape: s } = g;
  const { k, n } = s;
  const x = w.exports;
  return withFrame(w.heap, (f) => {
    const [pw, pp] = g.cache ? g.cache.get(g.weights.b, () => packNBits(w, null, s, g.weights)) : packNBits(w, f, s, g.weights);
    const a = f.readF32(g.a.subarray(0, m * k));
    const bias = g.bias ? f.readF32(g.bias) : 0;
    const y = f.outputF32(g.out, m * n);
    // one call's own tile; the pool gives each of its ranges one
    const tile = () => f.alloc(GEMM_MR * GEMM_NR * 4);
    const panels = Math.ceil(n / GEMM_NR);
    // with workers and enough work, ranges of whole 8-column panels: each column is computed
    // the same whichever range holds it
    const pool = w.threads && m * n * k >= PARALLEL_MIN_MACS ? w.threads : undefined;
    const ranges = pool ? splitPlanes(panels, rangeCount(pool.threads)) : [];
    if (m === 1) {
      if (pool && ranges.length > 1) pool.runNBitsGemv({ a, k, n, bits: s.bits, blockSize: s.blockSize, pw, pp, bias, y }, ranges);
      else x.nbits_gemv(a, k, n, s.bits, s.blockSize, pw, pp, bias, y, tile(), 0, panels);
    } else {
      const pa = packA(w, f, a, k, false, m, k);
      if (pool && ranges.length > 1) {
        const columns = ranges.map(([b, e]) => [b * GEMM_NR, Math.min(n, e * GEMM_NR)] as [number, number]);
        pool.runNBitsGemm({ m, n, k, bits: s.bits, blockSize: s.blockSize, pa, pw, pp, bias, c: y, ldc: n }, columns);
      } else {
        const scratch = f.alloc(x.nbits_gemm_scratch_size());
        x.nbits_gemm_range(m, n, k, s.bits, s.blockSize, pa, pw, pp, bias, y, n, tile(), scratch, 0, n);
      }
    }
    return w.heap.readF32(y, m * n, g.out);
  });
}
