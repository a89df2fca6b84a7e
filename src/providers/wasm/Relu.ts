// Relu for float32 on the wasm kernels (NaN passes through, as in the reference).
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { ACT } from '../../../kernels/wasm/wasm-activation.js';
import { wasmUnaryF32 } from '../../../kernels/wasm/wasm-f32-elementwise.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isNonEmptyF32, lazyReference, writesInPlace } from './op-support.js';

export const Relu = defineWasmOp('Relu', (ctx, w) => {
  const fallback = lazyReference(ctx, true);
  return writesInPlace((inputs, rt) => {
    const x = inputs[0];
    if (!isNonEmptyF32(x)) return fallback(inputs, rt);
    return [new Tensor('float32', wasmUnaryF32(w, x.data, { kind: ACT.relu, p0: 0, p1: 0 }, outputF32(rt, 0, x.size)), x.dims)];
  });
});
