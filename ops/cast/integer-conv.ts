// Convolution for the quantized ops (ConvInteger, QLinearConv): the Conv attributes and output
// geometry, and an im2col + matrix product over float64 values holding zero-point-adjusted
// integers, so every sum is exact. The column offsets are computed once per kernel position
// and output position, not per channel, and out-of-bounds (padding) reads are marked -1.
import { InvalidInputError } from '../../data/errors.js';
import { sizeOf, stridesOf } from '../helpers/shape.js';
import type { OpContext } from '../types.js';

const AUTO_PADS = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'];

export interface ConvAttributes {
  autoPad: string;
  dilations?: number[];
  group: number;
  kernelShape?: number[];
  pads?: number[];
  strides?: number[];
}

export function readConvAttributes(ctx: OpContext): ConvAttributes {
  const autoPad = ctx.attrs.string('auto_pad', 'NOTSET');
  if (!AUTO_PADS.includes(autoPad)) throw ctx.attrs.error(`auto_pad must be one of ${AUTO_PADS.join(', ')}, got "${autoPad}"`, 'auto_pad');
  const group = ctx.attrs.int('group', 1);
  if (group < 1) throw ctx.attrs.error(`group must be >= 1, got ${group}`, 'group');
  return {
    autoPad, group,
    dilations: ctx.attrs.ints('dilations'),
    kernelShape: ctx.attrs.ints('kernel_shape'),
    pads: ctx.attrs.ints('pads'),
    strides: ctx.attrs.ints('strides'),
  };
}

export interface ConvGeometry {
  N: number; C: number; M: number; group: number;
  inSpatial: number[]; kernel: number[]; outSpatial: number[];
  padsBegin: number[]; strides: number[]; dilations: number[];
  outDims: number[];
}

export function convGeometry(a: ConvAttributes, xDims: readonly number[], wDims: readonly number[]): ConvGeometry {
  const r = xDims.length - 2;
  if (r < 1) throw new InvalidInputError(`Conv input must have rank >= 3 ([N, C, spatial...]), got [${xDims}]`);
  if (wDims.length !== xDims.length) throw new InvalidInputError(`Conv weight [${wDims}] must have the input's rank ${xDims.length}`);
  const [N, C] = xDims, M = wDims[0];
  const { group } = a;
  if (wDims[1] * group !== C) throw new InvalidInputError(`Conv weight [${wDims}] with group ${group} does not fit ${C} input channels`);
  if (M % group !== 0) throw new InvalidInputError(`Conv output channels ${M} are not divisible by group ${group}`);
  const inSpatial = xDims.slice(2), kernel = wDims.slice(2);
  if (a.kernelShape && (a.kernelShape.length !== r || a.kernelShape.some((k, i) => k !== kernel[i]))) {
    throw new InvalidInputError(`Conv kernel_shape [${a.kernelShape}] does not match the weight's spatial shape [${kernel}]`);
  }
  const strides = a.strides ?? new Array<number>(r).fill(1);
  const dilations = a.dilations ?? new Array<number>(r).fill(1);
  const pads = a.pads ?? new Array<number>(2 * r).fill(0);
  if (strides.length !== r || dilations.length !== r || pads.length !== 2 * r) {
    throw new InvalidInputError(`Conv strides/dilations/pads do not match ${r} spatial dimensions`);
  }
  const padsBegin: number[] = [], outSpatial: number[] = [];
  for (let i = 0; i < r; i++) {
    const extent = (kernel[i] - 1) * dilations[i] + 1;
    if (a.autoPad === 'NOTSET' || a.autoPad === 'VALID') {
      const pb = a.autoPad === 'VALID' ? 0 : pads[i], pe = a.autoPad === 'VALID' ? 0 : pads[i + r];
      padsBegin.push(pb);
      outSpatial.push(Math.floor((inSpatial[i] + pb + pe - extent) / strides[i]) + 1);
    } else {
      const out = Math.ceil(inSpatial[i] / strides[i]);
      const total = Math.max(0, (out - 1) * strides[i] + extent - inSpatial[i]);
      padsBegin.push(a.autoPad === 'SAME_UPPER' ? Math.floor(total / 2) : Math.ceil(total / 2));
      outSpatial.push(out);
    }
  }
  if (outSpatial.some((d) => d < 0)) throw new InvalidInputError(`Conv kernel [${kernel}] does not fit the padded input [${xDims}]`);
  return { N, C, M, group, inSpatial, kernel, outSpatial, padsBegin, strides, dilations, outDims: [N, M, ...outSpatial] };
}

/** For each kernel position (rows) and output position (columns): input offset, or -1 in padding. */
function columnOffsets(g: ConvGeometry): Int32Array {
  const r = g.kernel.length;
  const inStrides = stridesOf(g.inSpatial);
  const outSize = sizeOf(g.outSpatial), ks = sizeOf(g.kernel);
  const table = new Int32Array(ks * outSize);
  const k = new Array<number>(r).fill(0);
  for (let kp = 0; kp < ks; kp++) {
    // expand dim by dim: offsets for the output positions seen so far
    let offs = new Int32Array([0]);
    for (let i = 0; i < r; i++) {
      const outLen = g.outSpatial[i];
      const next = new Int32Array(offs.length * outLen);
      for (let j = 0, w = 0; j < offs.length; j++) {
        for (let o = 0; o < outLen; o++, w++) {
          const ix = o * g.strides[i] - g.padsBegin[i] + k[i] * g.dilations[i];
          next[w] = offs[j] < 0 || ix < 0 || ix >= g.inSpatial[i] ? -1 : offs[j] + ix * inStrides[i];
        }
      }
      offs = next;
    }
    table.set(offs, kp * outSize);
    for (let i = r - 1; i >= 0; i--) {
      if (++k[i] < g.kernel[i]) break;
      k[i] = 0;
    }
  }
  return table;
}

/** The convolution of x [N, C, ...] with w [M, C/group, ...], plus bias[m] when given. */
export function convValues(x: ArrayLike<number>, w: ArrayLike<number>, g: ConvGeometry, bias?: ArrayLike<number>): Float64Array {
  const outSize = sizeOf(g.outSpatial), ks = sizeOf(g.kernel), inSize = sizeOf(g.inSpatial);
  const Cg = g.C / g.group, Mg = g.M / g.group, rows = Cg * ks;
  const offsets = columnOffsets(g);
  const col = new Float64Array(rows * outSize);
  const out = new Float64Array(g.N * g.M * outSize);
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < g.group; grp++) {
      for (let c = 0; c < Cg; c++) {
        const xBase = (n * g.C + grp * Cg + c) * inSize;
        for (let kp = 0; kp < ks; kp++) {
          const dst = (c * ks + kp) * outSize, src = kp * outSize;
          for (let p = 0; p < outSize; p++) {
            const off = offsets[src + p];
            col[dst + p] = off < 0 ? 0 : x[xBase + off];
          }
        }
      }
      for (let m = 0; m < Mg; m++) {
        const oc = grp * Mg + m;
        const oBase = (n * g.M + oc) * outSize, wBase = oc * rows;
        if (bias) out.fill(bias[oc], oBase, oBase + outSize);
        for (let rr = 0; rr < rows; rr++) {
          const wv = w[wBase + rr];
          if (wv === 0) continue;
          const cBase = rr * outSize;
          for (let p = 0; p < outSize; p++) out[oBase + p] += wv * col[cBase + p];
        }
      }
    }
  }
  return out;
}
