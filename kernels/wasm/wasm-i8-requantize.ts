// The int8 GEMMs' output stages on assembly/int8-requantize.ts. Back to 8 bits:
// saturate(round_half_even((acc + bias) * scale) + zero) in float64 as the reference computes
// it, with one scale per channel (QLinearConv's [channels, plane] layout) or per column of
// [rows, cols] (QLinearMatMul's). To float32: float32(acc) * scale + bias per column
// (MatMulIntegerToFloat's). And those two matmuls whole: the int32 product stays in linear
// memory between the GEMM and its output stage.
import { type Int8Data, type WasmMatMulIntegerArgs, productInto } from './wasm-i8-gemm.js';
import { type WasmFrame, withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';

export interface WasmRequantizeExports {
  i8_requantize(acc: number, bias: number, scales: number, channels: number, plane: number, zp: number, signed: number, y: number): void;
  i8_requantize_cols(acc: number, scales: number, rows: number, cols: number, zp: number, signed: number, y: number): void;
  i32_scale_bias_cols(acc: number, scales: number, perColumn: number, bias: number, rows: number, cols: number, y: number): void;
}

export function requantizeExports(w: WasmKernels): WasmRequantizeExports {
  return w.exports as unknown as WasmRequantizeExports;
}

/** One scale for all, or one per column, the zero point, and where the 8-bit result goes. */
export interface WasmRequantize {
  scales: ArrayLike<number>;
  zero: number;
  signed: boolean;
  /** The node's planned output; a new array if absent. */
  out?: Int8Data;
}

/** Requantizes int32 [rows, cols] at pointer `acc` into `q.out` (or a new array). */
function requantizeInto(w: WasmKernels, f: WasmFrame, acc: number, rows: number, cols: number, q: WasmRequantize): Int8Data {
  const size = rows * cols, perColumn = q.scales.length > 1;
  const sp = f.alloc(q.scales.length * 8);
  new Float64Array(w.memory.buffer, sp, q.scales.length).set(Array.from(q.scales));
  const out = q.out;
  const yResident = out && out.length >= size ? f.heap.pointerOf(out as unknown as Float32Array) : undefined;
  const yp = yResident ?? f.alloc(size);
  const s = q.signed ? 1 : 0;
  if (perColumn) {
    requantizeExports(w).i8_requantize_cols(acc, sp, rows, cols, q.zero, s, yp);
  } else {
    const bias = f.alloc(8);
    new Float64Array(w.memory.buffer, bias, 1)[0] = 0;
    requantizeExports(w).i8_requantize(acc, bias, sp, 1, size, q.zero, s, yp);
  }
  if (yResident !== undefined) return out!;
  const y = out ?? (q.signed ? new Int8Array(size) : new Uint8Array(size));
  new Uint8Array(y.buffer, y.byteOffset, size).set(new Uint8Array(w.memory.buffer, yp, size));
  return y;
}

/** Requantizes int32 sums [rows, cols] held in JavaScript (or in this memory). */
export function wasmRequantizeRows(w: WasmKernels, acc: Int32Array, rows: number, cols: number, q: WasmRequantize): Int8Data {
  return withFrame(w.heap, (f) => {
    const size = rows * cols;
    const resident = f.heap.pointerOf(acc as unknown as Float32Array);
    const ap = resident ?? f.alloc(size * 4);
    if (resident === undefined) new Int32Array(w.memory.buffer, ap, size).set(acc.subarray(0, size));
    return requantizeInto(w, f, ap, rows, cols, q);
  });
}

/** Runs `stage` on the int32 product (A - a_zp)(B - b_zp) at a pointer of the frame: it never leaves linear memory. */
function withProduct<T>(w: WasmKernels, g: WasmMatMulIntegerArgs, stage: (f: WasmFrame, c: number) => T): T {
  return withFrame(w.heap, (f) => {
    const c = f.alloc(g.m * g.n * 4);
    productInto(w, f, g, c);
    return stage(f, c);
  });
}

/** (A - a_zp)(B - b_zp), requantized: QLinearMatMul. */
export function wasmQLinearMatMul(w: WasmKernels, g: WasmMatMulIntegerArgs, q: WasmRequantize): Int8Data {
  return withProduct(w, g, (f, c) => requantizeInto(w, f, c, g.m, g.n, q));
}

/** One float32 scale for all, or one per column; a bias per column or none; where Y goes. */
export interface WasmDequantize {
  scales: Float32Array;
  bias?: Float32Array;
  /** The node's planned output; a new array if absent. */
  out?: Float32Array;
}

/** (A - a_zp)(B - b_zp) as float32 times the scales plus the bias: MatMulIntegerToFloat. */
export function wasmMatMulIntegerToFloat(w: WasmKernels, g: WasmMatMulIntegerArgs, q: WasmDequantize): Float32Array {
  return withProduct(w, g, (f, c) => {
    const size = g.m * g.n;
    const sp = f.readF32(q.scales);
    const bp = q.bias ? f.readF32(q.bias.subarray(0, g.n)) : 0;
    const y = f.outputF32(q.out, size);
    requantizeExports(w).i32_scale_bias_cols(c, sp, q.scales.length > 1 ? 1 : 0, bp, g.m, g.n, y);
    return w.heap.readF32(y, size, q.out);
  });
}
