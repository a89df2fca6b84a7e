// QLinearMatMul on the int8 GEMM: MatMulInteger's exact int32 product (the weight packed once),
// then requantized in wasm with x_scale * w_scale / y_scale per tensor or per column of b (the
// product stays in linear memory when every batch of a shares b, the usual weight case),
// bit-identical to the reference. a's scale and zero point must be per tensor, y's too, the
// scales float32 and finite, and K shallow enough that no int32 sum can wrap (the reference
// sums exactly); the rest runs the reference op.
import { Tensor } from '../../../data/tensor.js';
import { outputArray } from '../../../ops/helpers/output-data.js';
import { numbersOf } from '../../../ops/helpers/values.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { I8_CONV_EXACT_DEPTH } from '../../../kernels/wasm/wasm-i8-conv.js';
import type { Int8Data } from '../../../kernels/wasm/wasm-i8-gemm.js';
import { wasmQLinearMatMul, wasmRequantizeRows } from '../../../kernels/wasm/wasm-i8-requantize.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { integerMatMul } from './MatMulInteger.js';
import { defineWasmOp, lazyReference } from './op-support.js';
import { scalesOf } from './QLinearConv.js';

function createQLinearMatMul(ctx: OpContext, w: WasmKernels): KernelFn {
  const fallback = lazyReference(ctx);
  const product = integerMatMul(ctx, w, { a: 0, b: 3, aZero: 2, bZero: 5 });
  const kernel: KernelFn = (inputs, rt) => {
    const [a, aScaleT, aZeroT, b, bScaleT, bZeroT, yScaleT, yZeroT] = inputs;
    const aScale = scalesOf(aScaleT), yScale = scalesOf(yScaleT);
    const yType = yZeroT instanceof Tensor ? yZeroT.type : a instanceof Tensor ? a.type : undefined;
    const columns = b instanceof Tensor ? b.dims[b.dims.length - 1] : 0;
    const bScale = b instanceof Tensor && b.dims.length >= 2 ? scalesOf(bScaleT, columns) : scalesOf(bScaleT);
    const depth = b instanceof Tensor ? b.dims[b.dims.length === 1 ? 0 : b.dims.length - 2] : Infinity;
    const perTensorA = !(aZeroT instanceof Tensor) || aZeroT.size === 1;
    const perTensorY = yZeroT === undefined || (yZeroT instanceof Tensor && yZeroT.size === 1);
    if (!aScale || !bScale || !yScale || !perTensorA || !perTensorY || (yType !== 'uint8' && yType !== 'int8') || depth > I8_CONV_EXACT_DEPTH) {
      return fallback(inputs, rt);
    }
    // the reference's rounding: a_scale * b_scale, then / y_scale, each to float32
    const scales = Array.from(bScale, (bs) => Math.fround(Math.fround(aScale[0] * bs) / yScale[0]));
    if (!scales.every(Number.isFinite)) return fallback(inputs, rt);
    const q = { scales, zero: yZeroT instanceof Tensor ? numbersOf(yZeroT)[0] : 0, signed: yType === 'int8' };
    const outOf = (size: number) => outputArray(rt, 0, yType, size, false) as Int8Data;
    const tall = product.tall(a, b, aZeroT, bZeroT);
    if (tall) return [new Tensor(yType, wasmQLinearMatMul(w, tall.args, { ...q, out: outOf(tall.args.m * tall.args.n) }), tall.g.outDims)];
    const r = product.run(a, b, aZeroT, bZeroT);
    if (!r) return fallback(inputs, rt);
    const y = wasmRequantizeRows(w, r.y, r.y.length / r.g.N, r.g.N, { ...q, out: outOf(r.y.length) });
    return [new Tensor(yType, y, r.g.outDims)];
  };
  kernel.dispose = product.dispose;
  return kernel;
}

export const QLinearMatMul = defineWasmOp('QLinearMatMul', createQLinearMatMul);
