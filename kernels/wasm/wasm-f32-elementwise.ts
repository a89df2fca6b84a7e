// Element-wise float32 kernels on linear memory (copying in and out per call).
import type { WasmActivation } from './wasm-activation.js';
import { withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';

export const BINARY_OP = { add: 0, mul: 1 } as const;
export type WasmBinaryOp = keyof typeof BINARY_OP;

/**
 * The broadcast patterns the kernels run: `b` repeating along the trailing axes (a row
 * vector, or a scalar), or `b` with one value per channel of `a` viewed as
 * [outer, channels, inner].
 */
export type WasmBroadcast =
  | { kind: 'trailing' }
  | { kind: 'channel'; outer: number; channels: number; inner: number };

/** y = a op b, with `a` the full-size operand; b's length divides a's. */
export function wasmBinaryF32(k: WasmKernels, op: WasmBinaryOp, a: Float32Array, b: Float32Array, pattern: WasmBroadcast, out?: Float32Array): Float32Array {
  return withFrame(k.heap, (f) => {
    const ap = f.readF32(a), bp = f.readF32(b);
    const yp = f.outputF32(out, a.length);
    if (pattern.kind === 'trailing') k.exports.binary_f32(BINARY_OP[op], ap, bp, yp, a.length, b.length);
    else k.exports.binary_channel_f32(BINARY_OP[op], ap, bp, yp, pattern.outer, pattern.channels, pattern.inner);
    return k.heap.readF32(yp, a.length, out);
  });
}

/** y = act(x): into `out` where it lives in linear memory, else in place on a copy of x. */
export function wasmUnaryF32(k: WasmKernels, x: Float32Array, act: WasmActivation, out?: Float32Array): Float32Array {
  return withFrame(k.heap, (f) => {
    const [xp, yp] = f.readWriteF32(x, out);
    k.exports.unary_f32(xp, yp, x.length, act.kind, act.p0, act.p1);
    return k.heap.readF32(yp, x.length, out);
  });
}

