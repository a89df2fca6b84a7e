// com.microsoft MatMulIntegerToFloat on the int8 GEMM: MatMulInteger's exact int32 product (the
// weight packed once), turned to float32 in linear memory as float32(sum) * (a_scale * b_scale)
// + bias, each step in float32 as the reference takes it. a_scale and a's zero point are one
// value each, b_scale one or one per column of a 2-D B ([N] or [1, N]), the bias one per column,
// and every batch of A shares B; the rest runs the reference op, counted.
import { MICROSOFT_DOMAIN } from '../../../data/domains.js';
import { Tensor } from '../../../data/tensor.js';
import { outputF32 } from '../../../ops/helpers/output-data.js';
import type { KernelFn, KernelInput, OpContext } from '../../../ops/types.js';
import { wasmMatMulIntegerToFloat } from '../../../kernels/wasm/wasm-i8-requantize.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { integerMatMul } from './MatMulInteger.js';
import { defineWasmOp, isF32, lazyReference } from './op-support.js';

/** b_scale as the kernel takes it: one value, or N of them laid out along B's columns. */
function columnScales(bScale: KernelInput, n: number): Float32Array | undefined {
  if (!isF32(bScale)) return undefined;
  if (bScale.size === 1) return bScale.data;
  const d = bScale.dims;
  const alongColumns = (d.length === 1 && d[0] === n) || (d.length === 2 && d[0] === 1 && d[1] === n);
  return alongColumns ? bScale.data : undefined;
}

function createMatMulIntegerToFloat(ctx: OpContext, w: WasmKernels): KernelFn {
  const fallback = lazyReference(ctx);
  const product = integerMatMul(ctx, w, { a: 0, b: 1, aZero: 4, bZero: 5 });
  const kernel: KernelFn = (inputs, rt) => {
    const [a, b, aScaleT, bScaleT, aZeroT, , biasT] = inputs;
    const tall = b instanceof Tensor && b.dims.length === 2 && isF32(aScaleT) && aScaleT.size === 1
      && (!(aZeroT instanceof Tensor) || aZeroT.size === 1) ? product.tall(a, b, aZeroT, inputs[5]) : undefined;
    const n = tall?.g.N ?? 0;
    const bScale = tall ? columnScales(bScaleT, n) : undefined;
    const bias = biasT === undefined ? undefined : isF32(biasT) && biasT.size === n ? biasT.data : null;
    if (!tall || !bScale || bias === null) return fallback(inputs, rt);
    // the reference's rounding: a_scale * b_scale to float32 first
    const aScale = (aScaleT as Tensor & { data: Float32Array }).data[0];
    const scales = bScale.map((s) => aScale * s);
    const size = tall.args.m * n;
    const y = wasmMatMulIntegerToFloat(w, tall.args, { scales, bias, out: outputF32(rt, 0, size) });
    return [new Tensor('float32', y, tall.g.outDims)];
  };
  kernel.dispose = product.dispose;
  return kernel;
}

export const MatMulIntegerToFloat = defineWasmOp('MatMulIntegerToFloat', createMatMulIntegerToFloat, { domain: MICROSOFT_DOMAIN });
