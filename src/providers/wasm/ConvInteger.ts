// ConvInteger on the int8 kernels for 8-bit x and w of either signedness with one or two
// spatial axes (1-D runs as 2-D over a single row): x's zero point per tensor, w's per tensor
// or per output channel. A constant weight (with a constant zero point) is prepared once, at
// session creation. Three spatial axes and other zero-point layouts run the reference op.
// QLinearConv.ts shares the checks and the prepared weights.
import { Tensor } from '../../../data/tensor.js';
import { type ConvAttributes, type ConvGeometry, convGeometry, readConvAttributes } from '../../../ops/cast/integer-conv.js';
import { outputArray } from '../../../ops/helpers/output-data.js';
import { sizeOf } from '../../../ops/helpers/shape.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';
import type { KernelFn, KernelInput, OpContext } from '../../../ops/types.js';
import { PackedWeights } from '../../../kernels/wasm/packed-weights.js';
import type { WasmConv2dShape } from '../../../kernels/wasm/wasm-f32-conv.js';
import { prepareI8ConvWeights, wasmConvInteger } from '../../../kernels/wasm/wasm-i8-conv.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { isInt8, kernelZeroPoint } from './MatMulInteger.js';
import { defineWasmOp, isInitializer, lazyReference } from './op-support.js';

/** The kernels' 2-D shape of a convolution with one or two spatial axes; undefined for more. */
function conv2dShape(g: ConvGeometry): WasmConv2dShape | undefined {
  const r = g.kernel.length;
  if (r !== 1 && r !== 2) return undefined;
  const two = (v: number[], d: number) => (r === 2 ? v : [d, v[0]]);
  const [h, w] = two(g.inSpatial, 1), [kh, kw] = two(g.kernel, 1), [oh, ow] = two(g.outSpatial, 1);
  const [strideH, strideW] = two(g.strides, 1), [dilationH, dilationW] = two(g.dilations, 1);
  const [padTop, padLeft] = two(g.padsBegin, 0);
  return {
    batch: g.N, inChannels: g.C, outChannels: g.M, group: g.group, h, w, kh, kw, oh, ow, strideH, strideW, dilationH, dilationW, padTop, padLeft,
  };
}

/** A zero point of the data's own 8-bit type (or none); anything else is the reference's to judge. */
export function zeroPointOf(zp: KernelInput, data: Tensor, count: number, perChannel: boolean): ArrayLike<number> | null | undefined {
  if (zp instanceof Tensor && zp.type !== data.type) return undefined;
  return kernelZeroPoint(zp, count, perChannel);
}

/** The geometry of a run, or undefined when the reference op must report it. */
export function geometryOf(attrs: ConvAttributes, xDims: readonly number[], wDims: readonly number[]): WasmConv2dShape | undefined {
  let g: ConvGeometry;
  try {
    g = convGeometry(attrs, xDims, wDims);
  } catch {
    return undefined;
  }
  const s = conv2dShape(g);
  return s && s.oh > 0 && s.ow > 0 && s.batch > 0 && s.outChannels > 0 ? s : undefined;
}

/**
 * A cache for the prepared weights (input `wIndex`, its zero point at `zIndex`), filled now, at
 * session creation, when both are initializers; undefined when either may change between runs.
 */
export function preparedWeights(ctx: OpContext, w: WasmKernels, attrs: ConvAttributes, wIndex: number, zIndex: number): PackedWeights | undefined {
  const hasZero = (ctx.node.inputs[zIndex] ?? '') !== '';
  if (!isInitializer(ctx, wIndex) || (hasZero && !isInitializer(ctx, zIndex))) return undefined;
  const cache = new PackedWeights(w);
  const wt = constantInput(ctx, wIndex);
  if (!isInt8(wt) || (wt.dims.length !== 3 && wt.dims.length !== 4)) return cache;
  const zp = zeroPointOf(constantInput(ctx, zIndex), wt, wt.dims[0], true);
  if (zp === undefined) return cache;
  // the prepared layout does not depend on the input's spatial size: any that fits will do
  const [, groupChannels, ...kernel] = wt.dims;
  const s = geometryOf(attrs, [1, groupChannels * attrs.group, ...kernel.map((k) => 4 * k + 8)], wt.dims);
  if (s) cache.get(wt.data, () => prepareI8ConvWeights(w, s, wt.data, wt.type === 'int8', zp ?? undefined));
  return cache;
}

function createConvInteger(ctx: OpContext, w: WasmKernels): KernelFn {
  const attrs = readConvAttributes(ctx);
  const fallback = lazyReference(ctx);
  const cache = preparedWeights(ctx, w, attrs, 1, 3);
  const kernel: KernelFn = (inputs, rt) => {
    const [x, wt, xZeroT, wZeroT] = inputs;
    if (!isInt8(x) || !isInt8(wt)) return fallback(inputs, rt);
    const s = geometryOf(attrs, x.dims, wt.dims);
    if (!s) return fallback(inputs, rt);
    const xZero = zeroPointOf(xZeroT, x, 1, false);
    const wZero = zeroPointOf(wZeroT, wt, s.outChannels, true);
    if (xZero === undefined || wZero === undefined) return fallback(inputs, rt);
    const outDims = [s.batch, s.outChannels, ...(x.dims.length === 4 ? [s.oh, s.ow] : [s.ow])];
    const y = wasmConvInteger(w, {
      ...s, x: x.data, xSigned: x.type === 'int8', xZero: xZero ? xZero[0] : 0, weights: wt.data, wSigned: wt.type === 'int8',
      wZero: wZero ?? undefined, cache, out: outputArray(rt, 0, 'int32', sizeOf(outDims), false) as Int32Array,
    });
    return [new Tensor('int32', y, outDims)];
  };
  kernel.dispose = () => cache?.free();
  return kernel;
}

export const ConvInteger = defineWasmOp('ConvInteger', createConvInteger);
