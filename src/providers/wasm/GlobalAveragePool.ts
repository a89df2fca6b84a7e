// GlobalAveragePool: the mean of each [N, C] plane, any number of spatial axes.
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { wasmGlobalAveragePoolF32 } from '../../../kernels/wasm/wasm-f32-pool.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isNonEmptyF32, lazyReference } from './op-support.js';

export const GlobalAveragePool = defineWasmOp('GlobalAveragePool', (ctx, w) => {
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const x = inputs[0];
    if (!isNonEmptyF32(x) || x.dims.length < 3) return fallback(inputs, rt);
    const [batch, channels, ...spatial] = x.dims;
    const planes = batch * channels, size = x.size / planes;
    const y = wasmGlobalAveragePoolF32(w, x.data, planes, size, outputF32(rt, 0, planes));
    return [new Tensor('float32', y, [batch, channels, ...spatial.map(() => 1)])];
  };
});
