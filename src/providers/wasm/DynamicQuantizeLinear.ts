// DynamicQuantizeLinear on the SIMD kernels: the range pass and the quantizing pass run in
// wasm; the scale and zero point between them come from the reference op's own rule, so y is
// bit-identical to it.
import { Tensor } from '../../../data/tensor.js';
import { outputArray } from '../../../ops/helpers/output-data.js';
import { uint8QuantParams } from '../../../ops/helpers/dynamic-quantize-uint8.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { wasmRangeWithZero } from '../../../kernels/wasm/wasm-i8-gemm.js';
import { wasmQuantize8 } from '../../../kernels/wasm/wasm-quantize.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { defineWasmOp, isNonEmptyF32, lazyReference } from './op-support.js';

function createDynamicQuantizeLinear(ctx: OpContext, w: WasmKernels): KernelFn {
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const [x] = inputs;
    if (!isNonEmptyF32(x)) return fallback(inputs, rt);
    const [min, max] = wasmRangeWithZero(w, x.data);
    const { scale, zeroPoint: zero } = uint8QuantParams(min, max);
    const y = wasmQuantize8(w, x.data, scale, zero, false, outputArray(rt, 0, 'uint8', x.size, false) as Uint8Array);
    return [new Tensor('uint8', y, x.dims), new Tensor('float32', [scale], []), new Tensor('uint8', [zero], [])];
  };
}

export const DynamicQuantizeLinear = defineWasmOp('DynamicQuantizeLinear', createDynamicQuantizeLinear);
