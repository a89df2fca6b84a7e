// Conv, and FusedConv (Conv + optional residual sum as input 3 + activation, from the
// optimizer), on the wasm kernels for float32 NCHW inputs with one or two spatial axes;
// anything else runs the reference kernel.
import { sizeOf } from '../../../ops/helpers/shape.js';
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { readActivation } from '../../../ops/fused/activation.js';
import { readWindowAttributes, resolveWindow } from '../../../ops/nn/conv-geometry.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { PackedWeights } from '../../../kernels/wasm/packed-weights.js';
import { type WasmActivation, wasmActivation } from '../../../kernels/wasm/wasm-activation.js';
import { type WasmConv2dShape, prepareConvWeights, wasmConv2dF32 } from '../../../kernels/wasm/wasm-f32-conv.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { FUSED_DOMAIN } from '../../../data/domains.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isF32, isNonEmptyF32, lazyReference, isInitializer } from './op-support.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';

type Window = ReturnType<typeof readWindowAttributes>;

/** The 2-D kernel shape of one convolution; 1-D convolutions run as 2-D over a single row. */
function conv2dShape(window: Window, batch: number, inChannels: number, inShape: number[], outChannels: number, kernel: number[], group: number) {
  const geo = resolveWindow(window, inShape, kernel);
  const two = (v: number[], d: number) => (v.length === 2 ? v : [d, v[0]]);
  const [h, wd] = two(inShape, 1), [kh, kw] = two(kernel, 1), [oh, ow] = two(geo.outShape, 1);
  const [strideH, strideW] = two(geo.strides, 1), [dilationH, dilationW] = two(geo.dilations, 1);
  const [padTop, padLeft] = two(geo.padsBegin, 0);
  const shape: WasmConv2dShape = {
    batch, inChannels, outChannels, group, h, w: wd, kh, kw, oh, ow, strideH, strideW, dilationH, dilationW, padTop, padLeft,
  };
  return { shape, outSpatial: geo.outShape };
}

/**
 * Packs constant weights into linear memory now, at session creation, so the first run does
 * not pay for it. Only an optimization: anything unusual is left to the first run.
 */
function prepackConstantWeights(ctx: OpContext, w: WasmKernels, cache: PackedWeights, window: Window, group: number): void {
  const wt = constantInput(ctx, 1);
  if (!wt || !isNonEmptyF32(wt) || (wt.dims.length !== 3 && wt.dims.length !== 4) || !Number.isInteger(group) || group < 1) return;
  try {
    const [outChannels, groupChannels, ...kernel] = wt.dims;
    // the packed layout does not depend on the input's spatial size: any valid one will do
    const { shape } = conv2dShape(window, 1, groupChannels * group, kernel.map((k) => 4 * k + 8), outChannels, kernel, group);
    cache.get(wt.data, () => prepareConvWeights(w, shape, wt.data));
  } catch {
    // inconsistent attributes are reported by the kernel when it runs
  }
}

export function createConv(ctx: OpContext, w: WasmKernels, activation: WasmActivation | undefined): KernelFn {
  const window = readWindowAttributes(ctx);
  const group = ctx.attrs.int('group', 1);
  const fallback = lazyReference(ctx);
  // packed weights are reused across runs only for an initializer: a feed may change in place
  const cache = isInitializer(ctx, 1) ? new PackedWeights(w) : undefined;
  if (cache) prepackConstantWeights(ctx, w, cache, window, group);
  const kernel: KernelFn = (inputs, rt) => {
    const [x, wt, b, sum] = inputs;
    if (!isNonEmptyF32(x) || !isNonEmptyF32(wt) || (b !== undefined && !isF32(b))) return fallback(inputs, rt);
    if (sum !== undefined && !isF32(sum)) return fallback(inputs, rt);
    const rank = x.dims.length;
    if ((rank !== 3 && rank !== 4) || wt.dims.length !== rank || !Number.isInteger(group) || group < 1) return fallback(inputs, rt);
    const [batch, inChannels, ...inShape] = x.dims;
    const [outChannels, groupChannels, ...kernel] = wt.dims;
    const consistent = groupChannels * group === inChannels && outChannels % group === 0
      && (!window.kernelShape || window.kernelShape.every((k, i) => k === kernel[i]))
      && (!b || (b.dims.length === 1 && b.size === outChannels));
    // the reference kernel reports inconsistent shapes with its own messages
    if (!consistent) return fallback(inputs, rt);
    const { shape, outSpatial } = conv2dShape(window, batch, inChannels, inShape, outChannels, kernel, group);
    if (shape.oh * shape.ow === 0) return fallback(inputs, rt);
    const outDims = [batch, outChannels, ...outSpatial];
    // a residual of another shape broadcasts: the reference handles that
    if (sum && (sum.dims.length !== outDims.length || sum.dims.some((d, i) => d !== outDims[i]))) return fallback(inputs, rt);
    const y = wasmConv2dF32(w, { ...shape, x: x.data, weights: wt.data, cache, bias: b?.data, sum: sum?.data, activation, out: outputF32(rt, 0, sizeOf(outDims)) });
    return [new Tensor('float32', y, outDims)];
  };
  kernel.dispose = () => cache?.free();
  return kernel;
}

export const Conv = defineWasmOp('Conv', (ctx, w) => createConv(ctx, w, undefined));

export const FusedConv = defineWasmOp('FusedConv', (ctx, w) => createConv(ctx, w, wasmActivation(readActivation(ctx.attrs))), { domain: FUSED_DOMAIN });
