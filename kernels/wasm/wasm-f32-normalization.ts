// Row-wise Softmax and LayerNormalization on linear memory (copying in and out per call).
import { withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';

export function wasmSoftmaxRowsF32(k: WasmKernels, x: Float32Array, rows: number, cols: number, out?: Float32Array): Float32Array {
  return withFrame(k.heap, (f) => {
    const [xp, yp] = f.readWriteF32(x.subarray(0, rows * cols), out);
    k.exports.softmax_rows(xp, yp, rows, cols);
    return k.heap.readF32(yp, rows * cols, out);
  });
}

export interface LayerNormResult {
  y: Float32Array;
  mean?: Float32Array;
  invStd?: Float32Array;
}

/** Normalizes each row of `cols` floats; scale and bias hold `cols` floats each. */
export function wasmLayerNormRowsF32(
  k: WasmKernels, x: Float32Array, rows: number, cols: number, scale: Float32Array, bias: Float32Array | undefined,
  epsilon: number, want: { mean: boolean; invStd: boolean }, out?: Float32Array,
): LayerNormResult {
  return withFrame(k.heap, (f) => {
    const [xp, yp] = f.readWriteF32(x.subarray(0, rows * cols), out);
    const sp = f.allocF32(scale.subarray(0, cols));
    const bp = bias ? f.allocF32(bias.subarray(0, cols)) : 0;
    const mp = want.mean ? f.alloc(rows * 4) : 0;
    const ip = want.invStd ? f.alloc(rows * 4) : 0;
    k.exports.layer_norm_rows(xp, sp, bp, yp, rows, cols, epsilon, mp, ip);
    return {
      y: k.heap.readF32(yp, rows * cols, out),
      mean: mp ? k.heap.readF32(mp, rows) : undefined,
      invStd: ip ? k.heap.readF32(ip, rows) : undefined,
    };
  });
}
