// Pooling over NCHW float32 planes on the wasm kernels (copying in and out per call).
import { withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';

export interface WasmPool2dArgs {
  /** batch * channels */
  planes: number;
  h: number;
  w: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
  dilationH: number;
  dilationW: number;
}

export function wasmMaxPool2dF32(k: WasmKernels, x: Float32Array, a: WasmPool2dArgs, out?: Float32Array): Float32Array {
  return withFrame(k.heap, (f) => {
    const xp = f.readF32(x.subarray(0, a.planes * a.h * a.w));
    const size = a.planes * a.oh * a.ow, yp = f.outputF32(out, size);
    k.exports.maxpool_2d(xp, yp, a.planes, a.h, a.w, a.oh, a.ow, a.kh, a.kw, a.strideH, a.strideW, a.padTop, a.padLeft, a.dilationH, a.dilationW);
    return k.heap.readF32(yp, size, out);
  });
}

/** Average pooling with dilation 1 (the op layer checks). */
export function wasmAveragePool2dF32(k: WasmKernels, x: Float32Array, a: WasmPool2dArgs, countIncludePad: boolean, out?: Float32Array): Float32Array {
  return withFrame(k.heap, (f) => {
    const xp = f.readF32(x.subarray(0, a.planes * a.h * a.w));
    const size = a.planes * a.oh * a.ow, yp = f.outputF32(out, size);
    k.exports.avgpool_2d(
      xp, yp, a.planes, a.h, a.w, a.oh, a.ow, a.kh, a.kw, a.strideH, a.strideW, a.padTop, a.padLeft, a.padBottom, a.padRight,
      countIncludePad ? 1 : 0,
    );
    return k.heap.readF32(yp, size, out);
  });
}

export function wasmGlobalAveragePoolF32(k: WasmKernels, x: Float32Array, planes: number, size: number, out?: Float32Array): Float32Array {
  return withFrame(k.heap, (f) => {
    const xp = f.readF32(x.subarray(0, planes * size));
    const yp = f.outputF32(out, planes);
    k.exports.global_avgpool(xp, yp, planes, size);
    return k.heap.readF32(yp, planes, out);
  });
}
