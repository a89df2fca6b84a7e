// Direct depthwise convolution (each output channel reads one input channel; MobileNet's 3x3
// layers) for 1-D and 2-D inputs. im2col would build a K x HW matrix only to multiply it by
// a 1 x K row; instead, each kernel tap adds a scaled, shifted input row onto an accumulator.
import { applyActivation } from './activation.js';
import type { ConvArgs } from './conv-args.js';
import type { NumberArray } from './number-array.js';

let accScratch = new Float64Array(0);

/** Whether convDepthwise handles this convolution. */
export function isDepthwise(a: ConvArgs<unknown>): boolean {
  return a.inChannels === a.group && a.outChannels % a.group === 0 && a.inShape.length >= 1 && a.inShape.length <= 2;
}

/** Depthwise convolution (inChannels === group), float32 or float64 arrays. */
export function convDepthwise(a: ConvArgs<Float32Array | Float64Array>): void {
  const twoD = a.inShape.length === 2;
  const [H, W] = twoD ? a.inShape : [1, a.inShape[0]];
  const [OH, OW] = twoD ? a.outShape : [1, a.outShape[0]];
  const [KH, KW] = twoD ? a.kernel : [1, a.kernel[0]];
  const [SH, SW] = twoD ? a.strides : [1, a.strides[0]];
  const [DH, DW] = twoD ? a.dilations : [1, a.dilations[0]];
  const [PH, PW] = twoD ? a.padsBegin : [0, a.padsBegin[0]];
  const multiplier = a.outChannels / a.group;
  const planeIn = H * W, planeOut = OH * OW;
  if (accScratch.length < planeOut) accScratch = new Float64Array(planeOut);
  const acc = accScratch;
  const { x, w, y, bias } = a;
  for (let n = 0; n < a.batch; n++) {
    for (let m = 0; m < a.outChannels; m++) {
      const xo = (n * a.inChannels + Math.floor(m / multiplier)) * planeIn;
      acc.fill(bias ? bias[m] : 0, 0, planeOut);
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++) {
          const wv = w[(m * KH + kh) * KW + kw];
          if (wv === 0) continue;
          // output columns whose tap lands inside the row: 0 <= ow*SW - PW + kw*DW < W
          const first = kw * DW - PW;
          const lo = Math.min(OW, Math.max(0, Math.ceil(-first / SW)));
          const hi = Math.min(OW, Math.floor((W - 1 - first) / SW) + 1);
          for (let oh = 0; oh < OH; oh++) {
            const ih = oh * SH - PH + kh * DH;
            if (ih < 0 || ih >= H) continue;
            addScaledRow(acc, oh * OW, x, xo + ih * W + first, lo, hi, SW, wv);
          }
        }
      }
      const yo = (n * a.outChannels + m) * planeOut;
      for (let i = 0; i < planeOut; i++) y[yo + i] = acc[i];
      if (a.activation) applyActivation(y, yo, planeOut, a.activation);
    }
  }
}

function addScaledRow(acc: Float64Array, ao: number, x: NumberArray, xBase: number, lo: number, hi: number, s: number, wv: number): void {
  if (s === 1) for (let o = lo; o < hi; o++) acc[ao + o] += wv * x[xBase + o];
  else for (let o = lo; o < hi; o++) acc[ao + o] += wv * x[xBase + o * s];
}
