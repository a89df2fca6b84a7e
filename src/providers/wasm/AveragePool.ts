// AveragePool on the wasm kernels for float32 1-D/2-D inputs with dilation 1.
import { sizeOf } from '../../../ops/helpers/shape.js';
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { readWindowAttributes } from '../../../ops/nn/conv-geometry.js';
import { wasmAveragePool2dF32 } from '../../../kernels/wasm/wasm-f32-pool.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isNonEmptyF32, lazyReference, referenceKernel } from './op-support.js';
import { poolWindow } from './pool-geometry.js';

export const AveragePool = defineWasmOp('AveragePool', (ctx, w) => {
  const window = readWindowAttributes(ctx);
  if (window.dilations?.some((d) => d !== 1)) return referenceKernel(ctx);
  const kernel = ctx.attrs.required('kernel_shape', window.kernelShape);
  const ceilMode = ctx.attrs.int('ceil_mode', 0) !== 0;
  const countIncludePad = ctx.attrs.int('count_include_pad', 0) !== 0;
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const x = inputs[0];
    if (!isNonEmptyF32(x)) return fallback(inputs, rt);
    const win = poolWindow(x, window, kernel, ceilMode);
    if (!win) return fallback(inputs, rt);
    return [new Tensor('float32', wasmAveragePool2dF32(w, x.data, win.args, countIncludePad, outputF32(rt, 0, sizeOf(win.outDims))), win.outDims)];
  };
});
