// QLinearConv on the int8 kernels: ConvInteger's exact int32 convolution (same inputs taken,
// same weights prepared once), then the sums plus the int32 bias requantized per output
// channel in wasm, bit-identical to the reference. Scales must be float32 and finite, y's zero
// point 8-bit, and the window shallow enough that no int32 sum can wrap; the rest runs the
// reference op.
import { Tensor } from '../../../data/tensor.js';
import { readConvAttributes } from '../../../ops/cast/integer-conv.js';
import { outputArray } from '../../../ops/helpers/output-data.js';
import { sizeOf } from '../../../ops/helpers/shape.js';
import { numbersOf } from '../../../ops/helpers/values.js';
import type { KernelFn, KernelInput, OpContext } from '../../../ops/types.js';
import { I8_CONV_EXACT_DEPTH, wasmQLinearConv } from '../../../kernels/wasm/wasm-i8-conv.js';
import type { Int8Data } from '../../../kernels/wasm/wasm-i8-gemm.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { geometryOf, preparedWeights, zeroPointOf } from './ConvInteger.js';
import { isInt8 } from './MatMulInteger.js';
import { defineWasmOp, isF32, lazyReference } from './op-support.js';

/** A float32 scale of 1 value, or of `count` along one axis, as numbers; undefined otherwise (QLinearMatMul's too). */
export function scalesOf(t: KernelInput, count = 1): ArrayLike<number> | undefined {
  return isF32(t) && (t.size === 1 || (count > 1 && t.size === count && t.dims.length === 1)) ? t.data : undefined;
}

function createQLinearConv(ctx: OpContext, w: WasmKernels): KernelFn {
  const attrs = readConvAttributes(ctx);
  const fallback = lazyReference(ctx);
  const cache = preparedWeights(ctx, w, attrs, 3, 5);
  const kernel: KernelFn = (inputs, rt) => {
    const [x, xScaleT, xZeroT, wt, wScaleT, wZeroT, yScaleT, yZeroT, b] = inputs;
    if (!isInt8(x) || !isInt8(wt)) return fallback(inputs, rt);
    const s = geometryOf(attrs, x.dims, wt.dims);
    if (!s || (s.inChannels / s.group) * s.kh * s.kw > I8_CONV_EXACT_DEPTH) return fallback(inputs, rt);
    const xZero = zeroPointOf(xZeroT, x, 1, false), wZero = zeroPointOf(wZeroT, wt, s.outChannels, true);
    const xScale = scalesOf(xScaleT), wScale = scalesOf(wScaleT, s.outChannels), yScale = scalesOf(yScaleT);
    if (xZero === undefined || wZero === undefined || !xScale || !wScale || !yScale) return fallback(inputs, rt);
    const yType = yZeroT instanceof Tensor ? yZeroT.type : x.type;
    if ((yType !== 'uint8' && yType !== 'int8') || (yZeroT !== undefined && (!(yZeroT instanceof Tensor) || yZeroT.size !== 1))) {
      return fallback(inputs, rt);
    }
    if (b !== undefined && !(b instanceof Tensor && b.type === 'int32' && b.data instanceof Int32Array && b.size === s.outChannels)) {
      return fallback(inputs, rt);
    }
    // the reference's rounding: x_scale * w_scale, then / y_scale, each to float32
    const scales = Array.from(wScale, (ws) => Math.fround(Math.fround(xScale[0] * ws) / yScale[0]));
    if (!scales.every(Number.isFinite)) return fallback(inputs, rt);
    const outDims = [s.batch, s.outChannels, ...(x.dims.length === 4 ? [s.oh, s.ow] : [s.ow])];
    const y = wasmQLinearConv(w, {
      ...s, x: x.data, xSigned: x.type === 'int8', xZero: xZero ? xZero[0] : 0, weights: wt.data, wSigned: wt.type === 'int8',
      wZero: wZero ?? undefined, cache, bias: b?.data as Int32Array | undefined, scales,
      yZero: yZeroT instanceof Tensor ? numbersOf(yZeroT)[0] : 0, ySigned: yType === 'int8',
      outBytes: outputArray(rt, 0, yType, sizeOf(outDims), false) as Int8Data,
    });
    return [new Tensor(yType, y, outDims)];
  };
  kernel.dispose = () => cache?.free();
  return kernel;
}

export const QLinearConv = defineWasmOp('QLinearConv', createQLinearConv);
