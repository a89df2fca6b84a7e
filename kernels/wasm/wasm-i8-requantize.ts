// QLinearMatMul's output stage on assembly/int8-requantize.ts: int32 sums [rows, cols] back to
// 8 bits with one scale, or one per column (the requantize kernel takes channels as rows of a
// [channels, plane] layout, so per-column scales go one row at a time).
import type { Int8Data } from './wasm-i8-gemm.js';
import { withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';

interface WasmRequantizeExports {
  i8_requantize(acc: number, bias: number, scales: number, channels: number, plane: number, zp: number, signed: number, y: number): void;
}

/** saturate(round_half_even(acc * scale) + zero), float64 as the reference computes it, into `out` (or a new array). */
export function wasmRequantizeRows(
  w: WasmKernels, acc: Int32Array, rows: number, cols: number, scales: ArrayLike<number>, zero: number, signed: boolean, out?: Int8Data,
): Int8Data {
  const k = w.exports as unknown as WasmRequantizeExports;
  const size = rows * cols;
  return withFrame(w.heap, (f) => {
    const resident = f.heap.pointerOf(acc as unknown as Float32Array);
    const ap = resident ?? f.alloc(size * 4);
    if (resident === undefined) new Int32Array(w.memory.buffer, ap, size).set(acc.subarray(0, size));
    const perColumn = scales.length > 1;
    const channels = perColumn ? cols : 1;
    const bias = f.alloc(channels * 8), sp = f.alloc(channels * 8);
    new Float64Array(w.memory.buffer, bias, channels).fill(0);
    const scaleView = new Float64Array(w.memory.buffer, sp, channels);
    for (let c = 0; c < channels; c++) scaleView[c] = scales[c];
    const yResident = out && out.length >= size ? f.heap.pointerOf(out as unknown as Float32Array) : undefined;
    const yp = yResident ?? f.alloc(size);
    const s = signed ? 1 : 0;
    if (perColumn) for (let r = 0; r < rows; r++) k.i8_requantize(ap + r * cols * 4, bias, sp, cols, 1, zero, s, yp + r * cols);
    else k.i8_requantize(ap, bias, sp, 1, size, zero, s, yp);
    if (yResident !== undefined) return out!;
    const y = out ?? (signed ? new Int8Array(size) : new Uint8Array(size));
    new Uint8Array(y.buffer, y.byteOffset, size).set(new Uint8Array(w.memory.buffer, yp, size));
    return y;
  });
}
