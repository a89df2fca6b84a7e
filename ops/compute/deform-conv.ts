// Deformable convolution: like im2col + GEMM, but every kernel tap of every output position
// samples the input at its own learned offset (multilinear interpolation, zero outside the
// input) and may be scaled by a mask. The sample points are shared by all channels of an
// offset group, so their corners and weights are computed once per group.
import { type ConvArgs, product } from './conv-args.js';
import { gemmF32 } from './f32-gemm.js';
import { gemmNumbers } from './generic-gemm.js';
import type { GemmArgs } from './gemm-args.js';
import { stridesOf } from '../../data/strides.js';

export interface DeformConvArgs<T> extends ConvArgs<T> {
  /** [batch, offsetGroups * K * rank, ...outShape]: per tap, a displacement per spatial axis. */
  offset: T;
  /** [batch, offsetGroups * K, ...outShape], or undefined for all ones. */
  mask?: T;
  offsetGroups: number;
}

export function deformConvF32(a: DeformConvArgs<Float32Array>): void {
  deformConv(a, gemmF32, (n) => new Float32Array(n));
}

export function deformConvF64(a: DeformConvArgs<Float64Array>): void {
  deformConv(a, (g) => gemmNumbers(g), (n) => new Float64Array(n));
}

function deformConv<T extends Float32Array | Float64Array>(a: DeformConvArgs<T>, gemm: (g: GemmArgs<T>) => void, alloc: (n: number) => T): void {
  const rank = a.inShape.length, corners = 1 << rank;
  const C = a.inChannels, M = a.outChannels, G = a.group, OG = a.offsetGroups;
  const K = product(a.kernel), O = product(a.outShape), I = product(a.inShape);
  const cg = C / G, mg = M / G, cPerOg = C / OG;
  const col = alloc(C * K * O);
  // per (tap, output): input index (or -1) and weight of each corner
  const cornerIdx = new Int32Array(K * O * corners);
  const cornerW = new Float64Array(K * O * corners);
  const inStrides = stridesOf(a.inShape);
  const kpos = new Array<number>(rank), opos = new Array<number>(rank);
  const floorPos = new Array<number>(rank), frac = new Array<number>(rank);
  for (let n = 0; n < a.batch; n++) {
    for (let og = 0; og < OG; og++) {
      for (let kp = 0; kp < K; kp++) {
        unravel(kp, a.kernel, kpos);
        for (let o = 0; o < O; o++) {
          unravel(o, a.outShape, opos);
          for (let d = 0; d < rank; d++) {
            const off = a.offset[((((n * OG + og) * K + kp) * rank + d) * O) + o];
            const p = opos[d] * a.strides[d] - a.padsBegin[d] + kpos[d] * a.dilations[d] + off;
            floorPos[d] = Math.floor(p);
            frac[d] = p - floorPos[d];
          }
          const base = (kp * O + o) * corners;
          for (let cr = 0; cr < corners; cr++) {
            let idx = 0, wgt = 1;
            for (let d = 0; d < rank; d++) {
              const up = (cr >> (rank - 1 - d)) & 1;
              const q = floorPos[d] + up;
              wgt *= up ? frac[d] : 1 - frac[d];
              if (q < 0 || q >= a.inShape[d]) { idx = -1; break; }
              idx += q * inStrides[d];
            }
            cornerIdx[base + cr] = idx;
            cornerW[base + cr] = idx < 0 ? 0 : wgt;
          }
        }
      }
      for (let c = og * cPerOg; c < (og + 1) * cPerOg; c++) {
        const xo = (n * C + c) * I;
        for (let kp = 0; kp < K; kp++) {
          const row = (c * K + kp) * O;
          const maskBase = ((n * OG + og) * K + kp) * O;
          for (let o = 0; o < O; o++) {
            const base = (kp * O + o) * corners;
            let v = 0;
            for (let cr = 0; cr < corners; cr++) {
              const idx = cornerIdx[base + cr];
              if (idx >= 0) v += cornerW[base + cr] * a.x[xo + idx];
            }
            col[row + o] = a.mask ? v * a.mask[maskBase + o] : v;
          }
        }
      }
    }
    for (let g = 0; g < G; g++) {
      gemm({
        m: mg, n: O, k: cg * K,
        a: a.w, aOffset: g * mg * cg * K,
        b: col, bOffset: g * cg * K * O,
        c: a.y, cOffset: (n * M + g * mg) * O,
        bias: a.bias ? { values: a.bias, offset: g * mg, along: 'rows' } : undefined,
        activation: a.activation,
      });
    }
  }
}

function unravel(flat: number, dims: readonly number[], out: number[]): void {
  for (let d = dims.length - 1; d >= 0; d--) {
    out[d] = flat % dims[d];
    flat = Math.floor(flat / dims[d]);
  }
}
