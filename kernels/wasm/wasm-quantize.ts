// Per-tensor 8-bit quantization on the kernels (assembly/quantize.ts): QuantizeLinear's and
// DynamicQuantizeLinear's float32 -> 8 bits, DequantizeLinear's 8 bits -> float32, each
// reading its input where it lives in linear memory and writing its output there when the
// caller's planned output does.
import { type Int8Data, readBytes } from './wasm-i8-gemm.js';
import { withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';

interface WasmQuantizeExports {
  quantize_8(x: number, y: number, n: number, scale: number, zero: number, signed: number): void;
  dequantize_8(x: number, y: number, n: number, scale: number, zero: number, signed: number): void;
}

function q(w: WasmKernels): WasmQuantizeExports {
  return w.exports as unknown as WasmQuantizeExports;
}

/** y = saturate(round_half_even(x / scale) + zero), int8 when `signed`, else uint8, into `out` (or a new array). */
export function wasmQuantize8(w: WasmKernels, x: Float32Array, scale: number, zero: number, signed: boolean, out?: Int8Data): Int8Data {
  return withFrame(w.heap, (f) => {
    const xp = f.readF32(x);
    const resident = out && out.length >= x.length ? f.heap.pointerOf(out as unknown as Float32Array) : undefined;
    const yp = resident ?? f.alloc(x.length);
    q(w).quantize_8(xp, yp, x.length, scale, zero, signed ? 1 : 0);
    if (resident !== undefined) return out!;
    const y = out ?? (signed ? new Int8Array(x.length) : new Uint8Array(x.length));
    new Uint8Array(y.buffer, y.byteOffset, x.length).set(new Uint8Array(w.memory.buffer, yp, x.length));
    return y;
  });
}

/** y = (x - zero) * scale as float32, into `out` (or a new array). */
export function wasmDequantize8(w: WasmKernels, x: Int8Data, scale: number, zero: number, out?: Float32Array): Float32Array {
  return withFrame(w.heap, (f) => {
    const xp = readBytes(f, x);
    const yp = f.outputF32(out, x.length);
    q(w).dequantize_8(xp, yp, x.length, scale, zero, x instanceof Int8Array ? 1 : 0);
    return w.heap.readF32(yp, x.length, out);
  });
}
