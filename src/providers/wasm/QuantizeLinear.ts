// QuantizeLinear with one scale and zero point on the SIMD kernels: the activations of a QDQ
// model between its integer ops. Per-axis and blocked layouts, other types and the
// attributes that change the arithmetic (output_dtype, precision) run the reference op.
import { Tensor } from '../../../data/tensor.js';
import { perTensorParams } from '../../../ops/cast/per-tensor-quantize.js';
import { outputArray } from '../../../ops/helpers/output-data.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { wasmQuantize8 } from '../../../kernels/wasm/wasm-quantize.js';
import type { Int8Data } from '../../../kernels/wasm/wasm-i8-gemm.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { defineWasmOp, isNonEmptyF32, lazyReference, referenceKernel } from './op-support.js';

const ARITHMETIC_ATTRIBUTES = ['output_dtype', 'precision', 'block_size'];

/** Whether the node sets an attribute the kernels do not implement (blocks, output type, division precision). */
export function changesArithmetic(ctx: OpContext): boolean {
  return ARITHMETIC_ATTRIBUTES.some((a) => ctx.node.attributes.has(a) && ctx.attrs.int(a, 0) !== 0);
}

function createQuantizeLinear(ctx: OpContext, w: WasmKernels): KernelFn {
  if (changesArithmetic(ctx)) return referenceKernel(ctx);
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const [x, scale, zp] = inputs;
    const type = zp instanceof Tensor ? zp.type : 'uint8';
    const p = scale instanceof Tensor && (zp === undefined || zp instanceof Tensor) ? perTensorParams(scale, zp) : undefined;
    if (!isNonEmptyF32(x) || !p || (type !== 'uint8' && type !== 'int8')) return fallback(inputs, rt);
    const y = wasmQuantize8(w, x.data, p.scale, p.zero, type === 'int8', outputArray(rt, 0, type, x.size, false) as Int8Data);
    return [new Tensor(type, y, x.dims)];
  };
}

export const QuantizeLinear = defineWasmOp('QuantizeLinear', createQuantizeLinear);
