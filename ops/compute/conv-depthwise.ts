// Direct depthwise convolution (each output channel reads one input channel; MobileNet's 3x3
// layers) for 1-D and 2-D inputs. im2col would build a K x HW matrix only to multiply it by a
// 1 x K row; instead each output sums its taps in a register. Windows that lie wholly inside
// the input skip the bounds checks, and 3x3 kernels keep their nine weights in locals.
import { applyActivation } from './activation.js';
import type { ConvArgs } from './conv-args.js';
import type { NumberArray } from '../../data/number-array.js';

/** Whether convDepthwise handles this convolution. */
export function isDepthwise(a: ConvArgs<unknown>): boolean {
  return a.inChannels === a.group && a.outChannels % a.group === 0 && a.inShape.length >= 1 && a.inShape.length <= 2;
}

/** The 2-D view of a 1-D or 2-D depthwise convolution. */
interface Plane2d {
  H: number; W: number; OH: number; OW: number; KH: number; KW: number;
  SH: number; SW: number; DH: number; DW: number; PH: number; PW: number;
}

function plane2d(a: ConvArgs<unknown>): Plane2d {
  const two = a.inShape.length === 2;
  const pick = (v: readonly number[], one: number): [number, number] => (two ? [v[0], v[1]] : [one, v[0]]);
  const [H, W] = pick(a.inShape, 1), [OH, OW] = pick(a.outShape, 1), [KH, KW] = pick(a.kernel, 1);
  const [SH, SW] = pick(a.strides, 1), [DH, DW] = pick(a.dilations, 1), [PH, PW] = pick(a.padsBegin, 0);
  return { H, W, OH, OW, KH, KW, SH, SW, DH, DW, PH, PW };
}

/** Depthwise convolution (inChannels === group), float32 or float64 arrays. */
export function convDepthwise(a: ConvArgs<Float32Array | Float64Array>): void {
  const p = plane2d(a);
  const multiplier = a.outChannels / a.group;
  const planeIn = p.H * p.W, planeOut = p.OH * p.OW, K = p.KH * p.KW;
  // first and last+1 output columns whose whole window row lies inside the input
  const lo = Math.min(p.OW, Math.ceil(p.PW / p.SW));
  const hi = Math.max(lo, Math.min(p.OW, Math.floor((p.W - 1 + p.PW - (p.KW - 1) * p.DW) / p.SW) + 1));
  const tapOffsets = new Int32Array(K);
  for (let kh = 0; kh < p.KH; kh++) for (let kw = 0; kw < p.KW; kw++) tapOffsets[kh * p.KW + kw] = kh * p.DH * p.W + kw * p.DW;
  const weights = new Float64Array(K);
  for (let n = 0; n < a.batch; n++) {
    for (let m = 0; m < a.outChannels; m++) {
      const xo = (n * a.inChannels + Math.floor(m / multiplier)) * planeIn;
      const yo = (n * a.outChannels + m) * planeOut;
      const b = a.bias ? a.bias[m] : 0;
      for (let k = 0; k < K; k++) weights[k] = a.w[m * K + k];
      for (let oh = 0; oh < p.OH; oh++) {
        const ih0 = oh * p.SH - p.PH;
        const yr = yo + oh * p.OW;
        if (ih0 < 0 || ih0 + (p.KH - 1) * p.DH >= p.H) {
          edgeRun(a.x, xo, a.y, yr, p, weights, b, ih0, 0, p.OW);
          continue;
        }
        edgeRun(a.x, xo, a.y, yr, p, weights, b, ih0, 0, lo);
        const rowBase = xo + ih0 * p.W - p.PW;
        if (p.KH === 3 && p.KW === 3) interior3x3(a.x, rowBase, a.y, yr, lo, hi, p, weights, b);
        else interior(a.x, rowBase, a.y, yr, lo, hi, p.SW, weights, tapOffsets, b);
        edgeRun(a.x, xo, a.y, yr, p, weights, b, ih0, hi, p.OW);
      }
      if (a.activation) applyActivation(a.y, yo, planeOut, a.activation);
    }
  }
}

/** Outputs [from, to) of one row whose windows may reach into the padding. */
function edgeRun(x: NumberArray, xo: number, y: NumberArray, yr: number, p: Plane2d, w: Float64Array, b: number, ih0: number, from: number, to: number): void {
  // kernel rows and columns that land inside the input
  const khLo = Math.max(0, Math.ceil(-ih0 / p.DH)), khHi = Math.min(p.KH, Math.floor((p.H - 1 - ih0) / p.DH) + 1);
  for (let ow = from; ow < to; ow++) {
    const iw0 = ow * p.SW - p.PW;
    const kwLo = Math.max(0, Math.ceil(-iw0 / p.DW)), kwHi = Math.min(p.KW, Math.floor((p.W - 1 - iw0) / p.DW) + 1);
    let s = b;
    for (let kh = khLo; kh < khHi; kh++) {
      const row = xo + (ih0 + kh * p.DH) * p.W + iw0;
      for (let kw = kwLo; kw < kwHi; kw++) s += w[kh * p.KW + kw] * x[row + kw * p.DW];
    }
    y[yr + ow] = s;
  }
}

function interior(x: NumberArray, rowBase: number, y: NumberArray, yr: number, lo: number, hi: number, sw: number, w: Float64Array, taps: Int32Array, b: number): void {
  const K = taps.length;
  for (let ow = lo; ow < hi; ow++) {
    const base = rowBase + ow * sw;
    let s = b;
    for (let k = 0; k < K; k++) s += w[k] * x[base + taps[k]];
    y[yr + ow] = s;
  }
}

function interior3x3(x: NumberArray, rowBase: number, y: NumberArray, yr: number, lo: number, hi: number, p: Plane2d, w: Float64Array, b: number): void {
  const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8];
  const d = p.DW, d2 = 2 * p.DW, sw = p.SW;
  const r1 = p.DH * p.W, r2 = 2 * p.DH * p.W;
  for (let ow = lo; ow < hi; ow++) {
    const c0 = rowBase + ow * sw, c1 = c0 + r1, c2 = c0 + r2;
    y[yr + ow] = b
      + w0 * x[c0] + w1 * x[c0 + d] + w2 * x[c0 + d2]
      + w3 * x[c1] + w4 * x[c1 + d] + w5 * x[c1 + d2]
      + w6 * x[c2] + w7 * x[c2 + d] + w8 * x[c2 + d2];
  }
}
