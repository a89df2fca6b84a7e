// The convolution kernels (im2col + GEMM, pointwise, depthwise, transposed, deformable) must
// agree with a direct textbook convolution on every geometry: 1-D to 3-D, groups, strides,
// dilations, asymmetric padding, bias and activation.
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../data/activation.js';
import type { ConvArgs } from '../../ops/compute/conv-args.js';
import { convF32, convF64, convTuning } from '../../ops/compute/conv.js';
import { convTransposeF32 } from '../../ops/compute/conv-transpose.js';
import { deformConvF32 } from '../../ops/compute/deform-conv.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const prod = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);

interface Geometry {
  batch: number; inChannels: number; outChannels: number; group: number;
  inShape: number[]; kernel: number[]; strides: number[]; dilations: number[]; padsBegin: number[]; padsEnd: number[];
  bias?: boolean; activation?: Activation;
}

function outShapeOf(g: Geometry): number[] {
  return g.inShape.map((d, i) => Math.floor((d + g.padsBegin[i] + g.padsEnd[i] - ((g.kernel[i] - 1) * g.dilations[i] + 1)) / g.strides[i]) + 1);
}

function unravel(flat: number, dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length);
  for (let d = dims.length - 1; d >= 0; d--) {
    out[d] = flat % dims[d];
    flat = Math.floor(flat / dims[d]);
  }
  return out;
}

function ravel(pos: readonly number[], dims: readonly number[]): number {
  let f = 0;
  for (let d = 0; d < dims.length; d++) f = f * dims[d] + pos[d];
  return f;
}

function activate(v: number, act?: Activation): number {
  if (act?.kind === 'relu') return Math.max(0, v);
  if (act?.kind === 'clip') return Math.min(act.max, Math.max(act.min, v));
  return v;
}

/** y[n, m, o] = b[m] + sum over c in m's group and kernel taps k of x[n, c, o*s - p + k*d] * w[m, c', k]. */
function naiveConv(g: Geometry, x: Float64Array, w: Float64Array, b: Float64Array | undefined): Float64Array {
  const outShape = outShapeOf(g);
  const cg = g.inChannels / g.group, mg = g.outChannels / g.group;
  const O = prod(outShape), K = prod(g.kernel), I = prod(g.inShape);
  const y = new Float64Array(g.batch * g.outChannels * O);
  for (let n = 0; n < g.batch; n++) {
    for (let m = 0; m < g.outChannels; m++) {
      const grp = Math.floor(m / mg);
      for (let o = 0; o < O; o++) {
        const op = unravel(o, outShape);
        let s = b ? b[m] : 0;
        for (let c = 0; c < cg; c++) {
          for (let k = 0; k < K; k++) {
            const kp = unravel(k, g.kernel);
            const ip = op.map((v, d) => v * g.strides[d] - g.padsBegin[d] + kp[d] * g.dilations[d]);
            if (ip.some((v, d) => v < 0 || v >= g.inShape[d])) continue;
            s += x[(n * g.inChannels + grp * cg + c) * I + ravel(ip, g.inShape)] * w[(m * cg + c) * K + k];
          }
        }
        y[(n * g.outChannels + m) * O + o] = activate(s, g.activation);
      }
    }
  }
  return y;
}

function inputs(g: Geometry, seed: number) {
  const r = rng(seed);
  const x = Float64Array.from({ length: g.batch * g.inChannels * prod(g.inShape) }, r);
  const w = Float64Array.from({ length: g.outChannels * (g.inChannels / g.group) * prod(g.kernel) }, r);
  const b = g.bias ? Float64Array.from({ length: g.outChannels }, r) : undefined;
  return { x, w, b };
}

function args<T>(g: Geometry, x: T, w: T, b: T | undefined, y: T, outShape: number[]): ConvArgs<T> {
  return { ...g, x, w, bias: b, y, outShape };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string, tol = 1e-4): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])))) expect.fail(`${what}: element ${i} is ${got[i]}, want ${want[i]}`);
  }
}

const base = { batch: 1, bias: true };
const CASES: Geometry[] = [
  // 2-D: plain, padded, strided, dilated, asymmetric pads
  { ...base, inChannels: 3, outChannels: 5, group: 1, inShape: [7, 6], kernel: [3, 3], strides: [1, 1], dilations: [1, 1], padsBegin: [1, 1], padsEnd: [1, 1] },
  { ...base, batch: 2, inChannels: 4, outChannels: 6, group: 1, inShape: [9, 8], kernel: [3, 2], strides: [2, 3], dilations: [1, 2], padsBegin: [2, 0], padsEnd: [1, 3] },
  { ...base, inChannels: 2, outChannels: 3, group: 1, inShape: [5, 5], kernel: [5, 5], strides: [1, 1], dilations: [1, 1], padsBegin: [0, 0], padsEnd: [0, 0], bias: false },
  // grouped, depthwise, depthwise with a channel multiplier, depthwise 5x5 dilated
  { ...base, inChannels: 6, outChannels: 4, group: 2, inShape: [6, 7], kernel: [3, 3], strides: [1, 2], dilations: [1, 1], padsBegin: [1, 0], padsEnd: [0, 1] },
  { ...base, batch: 2, inChannels: 5, outChannels: 5, group: 5, inShape: [8, 9], kernel: [3, 3], strides: [1, 1], dilations: [1, 1], padsBegin: [1, 1], padsEnd: [1, 1], activation: { kind: 'relu' } },
  { ...base, inChannels: 3, outChannels: 6, group: 3, inShape: [9, 7], kernel: [3, 3], strides: [2, 2], dilations: [2, 1], padsBegin: [2, 1], padsEnd: [0, 2] },
  { ...base, inChannels: 2, outChannels: 2, group: 2, inShape: [11, 10], kernel: [5, 4], strides: [1, 2], dilations: [2, 1], padsBegin: [3, 2], padsEnd: [3, 1] },
  { ...base, inChannels: 4, outChannels: 4, group: 4, inShape: [3, 3], kernel: [3, 3], strides: [1, 1], dilations: [1, 1], padsBegin: [2, 2], padsEnd: [2, 2] },
  // pointwise (no im2col), and 1x1 with stride (im2col)
  { ...base, batch: 2, inChannels: 7, outChannels: 9, group: 1, inShape: [5, 6], kernel: [1, 1], strides: [1, 1], dilations: [1, 1], padsBegin: [0, 0], padsEnd: [0, 0], activation: { kind: 'clip', min: -0.2, max: 0.3 } },
  { ...base, inChannels: 4, outChannels: 4, group: 2, inShape: [6, 6], kernel: [1, 1], strides: [2, 2], dilations: [1, 1], padsBegin: [0, 0], padsEnd: [0, 0] },
  // 1-D (including depthwise), 3-D
  { ...base, inChannels: 3, outChannels: 2, group: 1, inShape: [12], kernel: [4], strides: [2], dilations: [2], padsBegin: [3], padsEnd: [1] },
  { ...base, inChannels: 4, outChannels: 4, group: 4, inShape: [10], kernel: [3], strides: [1], dilations: [1], padsBegin: [1], padsEnd: [1] },
  { ...base, inChannels: 2, outChannels: 4, group: 2, inShape: [4, 5, 6], kernel: [2, 3, 2], strides: [1, 2, 1], dilations: [2, 1, 1], padsBegin: [1, 1, 0], padsEnd: [0, 1, 1] },
  // K larger than one GEMM block, M larger than one A block
  { ...base, inChannels: 40, outChannels: 100, group: 1, inShape: [6, 6], kernel: [3, 3], strides: [1, 1], dilations: [1, 1], padsBegin: [1, 1], padsEnd: [1, 1] },
];

describe('convolution kernels against a direct convolution', () => {
  it('convF32 and convF64 match on every geometry', () => {
    CASES.forEach((g, i) => {
      const { x, w, b } = inputs(g, 10 + i);
      const outShape = outShapeOf(g);
      const want = naiveConv(g, x, w, b);
      const y32 = new Float32Array(want.length).fill(NaN);
      convF32(args(g, Float32Array.from(x), Float32Array.from(w), b && Float32Array.from(b), y32, outShape));
      expectClose(y32, want, `convF32 case ${i}`);
      const y64 = new Float64Array(want.length).fill(NaN);
      convF64(args(g, x, w, b, y64, outShape));
      expectClose(y64, want, `convF64 case ${i}`, 1e-10);
    });
  });

  it('computes large outputs in bands of rows with the same result', () => {
    const saved = convTuning.maxColumnElements;
    convTuning.maxColumnElements = 100;
    try {
      CASES.forEach((g, i) => {
        const { x, w, b } = inputs(g, 30 + i);
        const outShape = outShapeOf(g);
        const want = naiveConv(g, x, w, b);
        const y = new Float32Array(want.length).fill(NaN);
        convF32(args(g, Float32Array.from(x), Float32Array.from(w), b && Float32Array.from(b), y, outShape));
        expectClose(y, want, `banded convF32 case ${i}`);
      });
    } finally {
      convTuning.maxColumnElements = saved;
    }
  });

  it('convTransposeF32 is the adjoint of the convolution', () => {
    // <conv(x; w), v> = <x, convT(v; w)> for a convolution without bias, with W read as
    // [C_in_of_transpose = M, C_out/group, ...] for the transpose
    CASES.filter((g) => !g.activation).forEach((g, i) => {
      const { x, w } = inputs({ ...g, bias: false }, 50 + i);
      const outShape = outShapeOf(g);
      const r = rng(90 + i);
      const v = Float64Array.from({ length: g.batch * g.outChannels * prod(outShape) }, r);
      const y = naiveConv({ ...g, bias: false }, x, w, undefined);
      let lhs = 0;
      for (let j = 0; j < y.length; j++) lhs += y[j] * v[j];
      // transpose: input v has outChannels channels; the weight layout [M, C/group, k] is
      // exactly ConvTranspose's [C_in, C_out/group, k] with C_in = M
      const xt = new Float32Array(x.length).fill(NaN);
      convTransposeF32({
        batch: g.batch, inChannels: g.outChannels, outChannels: g.inChannels, group: g.group,
        inShape: outShape, outShape: g.inShape, kernel: g.kernel, strides: g.strides, dilations: g.dilations, padsBegin: g.padsBegin,
        x: Float32Array.from(v), w: Float32Array.from(w), y: xt,
      });
      let rhs = 0;
      for (let j = 0; j < x.length; j++) rhs += x[j] * xt[j];
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs)));
    });
  });

  it('deformConvF32 with zero offsets and no mask is a convolution', () => {
    CASES.filter((g) => g.inShape.length === 2).forEach((g, i) => {
      const { x, w, b } = inputs(g, 70 + i);
      const outShape = outShapeOf(g);
      const want = naiveConv(g, x, w, b);
      const y = new Float32Array(want.length).fill(NaN);
      const offset = new Float32Array(g.batch * prod(g.kernel) * 2 * prod(outShape));
      deformConvF32({ ...args(g, Float32Array.from(x), Float32Array.from(w), b && Float32Array.from(b), y, outShape), offset, offsetGroups: 1 });
      expectClose(y, want, `deformConvF32 case ${i}`);
    });
  });
});
