// wasm_i8_gemm_4x8 from JavaScript (assembly/int8-gemm.ts): 8-bit operands packed to int16
// with their zero points subtracted, the exact int32 product, and DynamicQuantizeLinear's
// range (its quantization: wasm-quantize.ts; ConvInteger's patches and depthwise kernel:
// wasm-i8-conv.ts).
import { type WasmFrame, withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';
import type { PackedWeights } from './packed-weights.js';
import { PARALLEL_MIN_MACS, splitGemm } from './wasm-f32-gemm.js';
import { rangeCount } from './wasm-thread-protocol.js';

export const I8_GEMM_MR = 4;
export const I8_GEMM_NR = 8;

/** 8-bit data: uint8 or int8 values, read by the kernels as bytes of that signedness. */
export type Int8Data = Uint8Array | Int8Array;

function bytesOf(d: Int8Data): Uint8Array {
  return d instanceof Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.length);
}

/** A pointer the kernel reads `data` through: in place where it lives in this memory, else a copy in `frame`. */
export function readBytes(frame: WasmFrame, data: Int8Data): number {
  const resident = frame.heap.pointerOf(data as unknown as Float32Array);
  if (resident !== undefined) return resident;
  const p = frame.alloc(data.length);
  new Uint8Array(frame.heap.memory.buffer).set(bytesOf(data), p);
  return p;
}

/**
 * `count` int32 zero points in `frame` (or the heap when null): one value repeated, or
 * `count` values given one per row / column.
 */
function zeroPoints(w: WasmKernels, frame: WasmFrame | null, zp: ArrayLike<number> | undefined, count: number): number {
  const p = frame ? frame.alloc(count * 4) : w.heap.alloc(count * 4);
  const view = new Int32Array(w.memory.buffer, p, count);
  if (!zp || zp.length === 0) view.fill(0);
  else if (zp.length === 1) view.fill(zp[0]);
  else for (let i = 0; i < count; i++) view[i] = zp[i];
  return p;
}

/** Packs A - zp (m x k bytes at pointer `a`, row stride lda), zp per tensor or per row. */
export function packI8A(
  w: WasmKernels, frame: WasmFrame, a: number, lda: number, signed: boolean, zp: ArrayLike<number> | undefined, m: number, k: number,
): number {
  const z = zeroPoints(w, frame, zp, m);
  const dst = frame.alloc(w.exports.i8_gemm_packed_a_size(m, k) * 2);
  w.exports.i8_gemm_pack_a(a, lda, signed ? 1 : 0, z, m, k, dst);
  return dst;
}

/** Packs B - zp (k x n values, a JavaScript array) into `frame`, or into a heap block the caller owns when null. */
export function packI8BFrom(
  w: WasmKernels, frame: WasmFrame | null, b: Int8Data, signed: boolean, zp: ArrayLike<number> | undefined, k: number, n: number,
): number {
  const size = w.exports.i8_gemm_packed_b_size(k, n) * 2;
  const dst = frame ? frame.alloc(size) : w.heap.alloc(size);
  withFrame(w.heap, (tmp) => w.exports.i8_gemm_pack_b(readBytes(tmp, b.subarray(0, k * n)), n, signed ? 1 : 0, zeroPoints(w, tmp, zp, n), k, n, dst));
  return dst;
}

/**
 * int32 C (m x n at pointer c, row stride ldc) from packed operands; with a worker pool and
 * enough work, split into ranges as float GEMMs are (the panels are the same 4 x 8).
 */
export function i8GemmPacked(w: WasmKernels, m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number): void {
  const pool = w.threads;
  if (pool && m * n * Math.max(k, 1) >= PARALLEL_MIN_MACS) {
    const ranges = splitGemm(m, n, rangeCount(pool.threads), I8_GEMM_MR, I8_GEMM_NR);
    if (ranges.length > 1) {
      pool.runI8Gemm({ m, n, k, pa, pb, c, ldc }, ranges);
      return;
    }
  }
  w.exports.i8_gemm_packed(m, n, k, pa, pb, c, ldc);
}

/** Where an int32 result of `length` values goes: into `out` where it lives in this memory, else a new block. */
export function outputI32(frame: WasmFrame, out: Int32Array | undefined, length: number): number {
  const p = out && out.length >= length ? frame.heap.pointerOf(out as unknown as Float32Array) : undefined;
  return p ?? frame.alloc(length * 4);
}

/** The `length` int32s at `ptr`, in `out` (unless the kernel wrote there already) or a new array. */
export function readI32(w: WasmKernels, ptr: number, length: number, out?: Int32Array): Int32Array {
  if (out && w.heap.pointerOf(out as unknown as Float32Array) === ptr) return out;
  const from = new Int32Array(w.memory.buffer, ptr, length);
  if (!out) return from.slice();
  out.set(from);
  return out;
}

export interface WasmMatMulIntegerArgs {
  m: number;
  n: number;
  k: number;
  /** A (m x k) and its zero point: one value, or one per row. */
  a: Int8Data;
  aSigned: boolean;
  aZero?: ArrayLike<number>;
  /** B (k x n) and its zero point: one value, or one per column. */
  b: Int8Data;
  bSigned: boolean;
  bZero?: ArrayLike<number>;
  /** Reuses B packed across calls while `b` is the same array (constant weights and zero point). */
  bCache?: PackedWeights;
  /** Where C goes (the node's planned output); a new array if absent. */
  out?: Int32Array;
}

/** Packs a constant B into `cache` now, at session creation, so the first run does not pay for it. */
export function prepackI8B(
  w: WasmKernels, cache: PackedWeights, b: Int8Data, signed: boolean, zp: ArrayLike<number> | undefined, k: number, n: number,
): void {
  cache.get(b, () => [packI8BFrom(w, null, b, signed, zp, k, n)]);
}

/** (A - a_zp)(B - b_zp) in int32 into C at pointer c (row stride n), packing A in `f`. */
export function productInto(w: WasmKernels, f: WasmFrame, g: WasmMatMulIntegerArgs, c: number): void {
  const { m, n, k } = g;
  const a = readBytes(f, g.a.subarray(0, m * k));
  const pa = packI8A(w, f, a, k, g.aSigned, g.aZero, m, k);
  const pb = g.bCache
    ? g.bCache.get(g.b, () => [packI8BFrom(w, null, g.b, g.bSigned, g.bZero, k, n)])[0]
    : packI8BFrom(w, f, g.b, g.bSigned, g.bZero, k, n);
  i8GemmPacked(w, m, n, k, pa, pb, c, n);
}

/** (A - a_zp)(B - b_zp) in int32, exact (modulo 2^32, as int32 storage wraps). */
export function wasmMatMulInteger(w: WasmKernels, g: WasmMatMulIntegerArgs): Int32Array {
  return withFrame(w.heap, (f) => {
    const c = outputI32(f, g.out, g.m * g.n);
    productInto(w, f, g, c);
    return readI32(w, c, g.m * g.n, g.out);
  });
}

/** Packs a constant A (rows x k bytes, e.g. a group's convolution weights) minus per-row zero points into a heap block the caller owns. */
export function packI8AFrom(w: WasmKernels, a: Int8Data, signed: boolean, zp: ArrayLike<number> | undefined, m: number, k: number): number {
  const dst = w.heap.alloc(w.exports.i8_gemm_packed_a_size(m, k) * 2);
  withFrame(w.heap, (tmp) => w.exports.i8_gemm_pack_a(readBytes(tmp, a.subarray(0, m * k)), k, signed ? 1 : 0, zeroPoints(w, tmp, zp, m), m, k, dst));
  return dst;
}

/** [min, max] of x folded from [0, 0], NaNs skipped (DynamicQuantizeLinear's range). */
export function wasmRangeWithZero(w: WasmKernels, x: Float32Array): [number, number] {
  return withFrame(w.heap, (f) => {
    const xp = f.readF32(x);
    const out = f.alloc(8);
    w.exports.f32_min_max(xp, x.length, out);
    const r = new Float32Array(w.memory.buffer, out, 2);
    return [r[0], r[1]];
  });
}

