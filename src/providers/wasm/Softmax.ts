// Softmax on the wasm kernels when it reduces contiguous rows: before opset 13 always (the
// input is coerced to 2-D at `axis`), from 13 on when `axis` is the last axis.
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { normalizeAxis, sizeOf } from '../../../ops/helpers/shape.js';
import { wasmSoftmaxRowsF32 } from '../../../kernels/wasm/wasm-f32-normalization.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isNonEmptyF32, lazyReference, writesInPlace } from './op-support.js';

export const Softmax = defineWasmOp('Softmax', (ctx, w) => {
  const coerced = ctx.opset < 13;
  const axisAttr = ctx.attrs.int('axis', coerced ? 1 : -1);
  const fallback = lazyReference(ctx, true);
  return writesInPlace((inputs, rt) => {
    const x = inputs[0];
    if (!isNonEmptyF32(x) || x.dims.length === 0) return fallback(inputs, rt);
    const rank = x.dims.length;
    if (axisAttr < -rank || axisAttr >= rank) return fallback(inputs, rt);
    const axis = normalizeAxis(axisAttr, rank);
    if (!coerced && axis !== rank - 1) return fallback(inputs, rt);
    const cols = sizeOf(x.dims.slice(axis)), rows = x.size / cols;
    return [new Tensor('float32', wasmSoftmaxRowsF32(w, x.data, rows, cols, outputF32(rt, 0, x.size)), x.dims)];
  });
});
