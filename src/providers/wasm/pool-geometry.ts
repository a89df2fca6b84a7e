// The 2-D window of a pooling node over an NCHW (or NCW, as one row) float32 input.
import { type WindowAttributes, resolveWindow } from '../../../ops/nn/conv-geometry.js';
import type { WasmPool2dArgs } from '../../../kernels/wasm/wasm-f32-pool.js';
import type { F32Tensor } from './op-support.js';

export interface PoolWindow {
  args: WasmPool2dArgs;
  outDims: number[];
}

/** The window for `x`, or undefined when x is not [N, C, W] or [N, C, H, W] with a non-empty output. */
export function poolWindow(x: F32Tensor, window: WindowAttributes, kernel: number[], ceilMode: boolean): PoolWindow | undefined {
  const rank = x.dims.length;
  if ((rank !== 3 && rank !== 4) || kernel.length !== rank - 2) return undefined;
  const [batch, channels, ...inShape] = x.dims;
  const g = resolveWindow(window, inShape, kernel, ceilMode);
  const two = (v: number[], d: number) => (v.length === 2 ? v : [d, v[0]]);
  const [h, w] = two(inShape, 1), [kh, kw] = two(g.kernel, 1), [oh, ow] = two(g.outShape, 1);
  const [strideH, strideW] = two(g.strides, 1), [dilationH, dilationW] = two(g.dilations, 1);
  const [padTop, padLeft] = two(g.padsBegin, 0), [padBottom, padRight] = two(g.padsEnd, 0);
  if (oh * ow === 0) return undefined;
  return {
    args: {
      planes: batch * channels, h, w, oh, ow, kh, kw, strideH, strideW, padTop, padLeft, padBottom, padRight, dilationH, dilationW,
    },
    outDims: [batch, channels, ...g.outShape],
  };
}
