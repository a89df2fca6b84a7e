// DequantizeLinear with one scale and zero point on the SIMD kernels, 8-bit input to float32
// (QDQ activations); other layouts, types and attributes run the reference op.
import { Tensor } from '../../../data/tensor.js';
import { perTensorParams } from '../../../ops/cast/per-tensor-quantize.js';
import { outputF32 } from '../../../ops/helpers/output-data.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { wasmDequantize8 } from '../../../kernels/wasm/wasm-quantize.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { isInt8 } from './MatMulInteger.js';
import { defineWasmOp, lazyReference, referenceKernel } from './op-support.js';
import { changesArithmetic } from './QuantizeLinear.js';

function createDequantizeLinear(ctx: OpContext, w: WasmKernels): KernelFn {
  if (changesArithmetic(ctx)) return referenceKernel(ctx);
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const [x, scale, zp] = inputs;
    const p = scale instanceof Tensor && (zp === undefined || (zp instanceof Tensor && x instanceof Tensor && zp.type === x.type)) ? perTensorParams(scale, zp) : undefined;
    if (!isInt8(x) || !p) return fallback(inputs, rt);
    return [new Tensor('float32', wasmDequantize8(w, x.data, p.scale, p.zero, outputF32(rt, 0, x.size)), x.dims)];
  };
}

export const DequantizeLinear = defineWasmOp('DequantizeLinear', createDequantizeLinear);
