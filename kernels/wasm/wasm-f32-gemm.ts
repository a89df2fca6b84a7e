// wasm_f32_gemm_4x8 from JavaScript: packing, the packed product with its epilogue, and a
// whole-GEMM entry that copies Float32Arrays in and out of linear memory.
import type { WasmActivation } from './wasm-activation.js';
import { NO_ACTIVATION } from './wasm-activation.js';
import { type WasmFrame, withFrame } from './wasm-heap.js';
import type { GemmRange, WasmKernels } from './wasm-module.js';
import type { PackedWeights } from './packed-weights.js';
import { rangeCount } from './wasm-thread-protocol.js';

export const GEMM_MR = 4;
export const GEMM_NR = 8;
const BIAS_MODE = { none: 0, rows: 1, cols: 2 } as const;

export interface WasmGemmEpilogue {
  /** C = product + beta * C; defaults to 0 (C is only written). */
  beta?: number;
  /** Pointer to the bias in linear memory: one float per row or per column of C. */
  bias?: number;
  biasAlong?: 'rows' | 'cols';
  activation?: WasmActivation;
}

/** Packs alpha * op(A) (m x k, A at pointer `a`) into a new block of `frame` (or the heap if null). */
export function packA(
  w: WasmKernels, frame: WasmFrame | null, a: number, lda: number, transA: boolean, m: number, k: number, alpha = 1,
): number {
  const bytes = w.exports.gemm_packed_a_size(m, k) * 4;
  const dst = frame ? frame.alloc(bytes) : w.heap.alloc(bytes);
  w.exports.gemm_pack_a(a, lda, transA ? 1 : 0, m, k, alpha, dst);
  return dst;
}

/** Packs op(B) (k x n, B at pointer `b`). */
export function packB(w: WasmKernels, frame: WasmFrame | null, b: number, ldb: number, transB: boolean, k: number, n: number): number {
  const bytes = w.exports.gemm_packed_b_size(k, n) * 4;
  const dst = frame ? frame.alloc(bytes) : w.heap.alloc(bytes);
  w.exports.gemm_pack_b(b, ldb, transB ? 1 : 0, k, n, dst);
  return dst;
}

/**
 * C (at pointer c, row stride ldc floats) from packed operands. `tile` is 32 floats of scratch.
 * With a worker pool on the kernels and enough work, C is split into ranges computed by the
 * main thread and the workers together; this returns when all are done.
 */
export function gemmPacked(
  w: WasmKernels, m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number, tile: number,
  epi: WasmGemmEpilogue = {},
): void {
  const act = epi.activation ?? NO_ACTIVATION;
  const mode = epi.bias === undefined ? BIAS_MODE.none : BIAS_MODE[epi.biasAlong ?? 'cols'];
  const pool = w.threads;
  if (pool && m * n * Math.max(k, 1) >= (m <= GEMM_MR ? PARALLEL_MIN_MACS_FEW_ROWS : PARALLEL_MIN_MACS)) {
    const ranges = splitGemm(m, n, rangeCount(pool.threads));
    if (ranges.length > 1) {
      pool.runGemm({ m, n, k, pa, pb, c, ldc, beta: epi.beta ?? 0, bias: epi.bias ?? 0, biasMode: mode, act: act.kind, p0: act.p0, p1: act.p1 }, ranges);
      return;
    }
  }
  w.exports.gemm_set_epilogue(epi.beta ?? 0, epi.bias ?? 0, mode, act.kind, act.p0, act.p1);
  w.exports.gemm_packed(m, n, k, pa, pb, c, ldc, tile);
}

/**
 * Multiply-adds under which a GEMM runs inline on the main thread even with workers: waking a
 * worker and waiting for its range costs ~10-20 us, and on a 2-core x64 machine two threads
 * first beat one at about 2M multiply-adds (e.g. 96 x 784 x 24: 145 us either way). MobileNet v2
 * at 2 threads measured the same with 512K, 1M and 2M (within this machine's noise).
 */
export const PARALLEL_MIN_MACS = 1 << 21;

/**
 * The same for a GEMM of at most MR rows (a decoder step's matrix-vector products), which
 * streams its weights from memory rather than computing: two cores read them faster well
 * before 2M multiply-adds.
 */
export const PARALLEL_MIN_MACS_FEW_ROWS = 1 << 18;

/**
 * Up to `parts` ranges of C, along whichever axis has more micro-panels, each a run of whole
 * panels (begins are multiples of MR or NR, as gemm_packed_range wants; an int8 GEMM passes its own).
 */
export function splitGemm(m: number, n: number, parts: number, mr = GEMM_MR, nr = GEMM_NR): GemmRange[] {
  const rowPanels = Math.ceil(m / mr), colPanels = Math.ceil(n / nr);
  const byCols = colPanels >= rowPanels;
  const panels = byCols ? colPanels : rowPanels, size = byCols ? nr : mr, extent = byCols ? n : m;
  const count = Math.max(1, Math.min(parts, panels));
  const out: GemmRange[] = [];
  for (let i = 0; i < count; i++) {
    const begin = Math.floor((panels * i) / count) * size;
    const end = Math.min(extent, Math.floor((panels * (i + 1)) / count) * size);
    out.push(byCols ? { rowBegin: 0, rowEnd: m, colBegin: begin, colEnd: end } : { rowBegin: begin, rowEnd: end, colBegin: 0, colEnd: n });
  }
  return out;
}

export interface WasmGemmArgs {
  m: number;
  n: number;
  k: number;
  /** op(A) is m x k: A is stored m x k, or k x m when transA. */
  a: Float32Array;
  transA?: boolean;
  b: Float32Array;
  transB?: boolean;
  /** Reuses B packed across calls while `b` is the same array (constant weights). */
  bCache?: PackedWeights;
  /** The m x n input C, read when beta is not 0. */
  c?: Float32Array;
  alpha?: number;
  beta?: number;
  bias?: { values: Float32Array; along: 'rows' | 'cols' };
  activation?: WasmActivation;
  /** Where C goes (the node's planned output); a new array if absent. */
  out?: Float32Array;
}

/** Packs op(B) (k x n) from a JavaScript array into `frame`, or into a heap block the caller owns. */
function packBFrom(w: WasmKernels, frame: WasmFrame | null, b: Float32Array, transB: boolean, k: number, n: number): number {
  return withFrame(w.heap, (tmp) => packB(w, frame, tmp.allocF32(b.subarray(0, k * n)), transB ? k : n, transB, k, n));
}

/** Packs a constant B into `cache` now, at session creation, so the first run does not pay for it. */
export function prepackGemmB(w: WasmKernels, cache: PackedWeights, b: Float32Array, transB: boolean, k: number, n: number): void {
  cache.get(b, () => [packBFrom(w, null, b, transB, k, n)]);
}

/** One GEMM on JavaScript arrays: copies in, packs, multiplies, and returns C (m x n). */
export function wasmGemmF32(w: WasmKernels, g: WasmGemmArgs): Float32Array {
  const { m, n, k } = g;
  const transB = !!g.transB;
  return withFrame(w.heap, (f) => {
    const a = f.readF32(g.a.subarray(0, m * k));
    const pa = packA(w, f, a, g.transA ? m : k, !!g.transA, m, k, g.alpha ?? 1);
    const pb = g.bCache ? g.bCache.get(g.b, () => [packBFrom(w, null, g.b, transB, k, n)])[0] : packBFrom(w, f, g.b, transB, k, n);
    const beta = g.c ? g.beta ?? 0 : 0;
    const c = f.outputF32(g.out, m * n);
    if (beta !== 0 && g.c) w.heap.f32.set(g.c.subarray(0, m * n), c >>> 2);
    const bias = g.bias ? f.allocF32(g.bias.values) : undefined;
    const tile = f.alloc(GEMM_MR * GEMM_NR * 4);
    gemmPacked(w, m, n, k, pa, pb, c, n, tile, { beta, bias, biasAlong: g.bias?.along, activation: g.activation });
    return w.heap.readF32(c, m * n, g.out);
  });
}
