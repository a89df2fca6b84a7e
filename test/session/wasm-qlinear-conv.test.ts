// QLinearConv on the wasm provider gives exactly the reference op's 8-bit outputs (ties to
// even, saturation, int32 bias, per-channel scales and zero points, int8 and uint8 on either
// side, depthwise and grouped windows) on the SIMD kernels, and runs the reference, counted,
// where the requantization could differ: an infinite scale, a window deep enough to wrap int32.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { Tensor } from '../../src/index.js';
import { rng, type Int8Type, randomBytes } from '../kernels/wasm-reference.js';
import { runBoth } from './wasm-vs-reference.js';


const size = (d: number[]) => d.reduce((p, v) => p * v, 1);

interface Case {
  name: string;
  xType: Int8Type;
  wType: Int8Type;
  /** y_zero_point's type; absent: no y_zero_point (y is x's type). */
  yType?: Int8Type;
  xDims: number[];
  wDims: number[];
  attrs?: Record<string, number | number[]>;
  xScale: number;
  /** One value, or one per output channel. */
  wScale: number[];
  yScale: number;
  perChannelWZero?: boolean;
  bias?: boolean;
  /** x, w and x's zero point in [-2, 2], the others 0: small sums, so that a scale of 0.5 makes ties. */
  small?: boolean;
  fallback?: boolean;
}

const cases: Case[] = [
  { name: 'uint8, per-tensor, bias, pad 1', xType: 'uint8', wType: 'uint8', yType: 'uint8', xDims: [1, 6, 9, 10], wDims: [5, 6, 3, 3], attrs: { pads: [1, 1, 1, 1] }, xScale: 0.02, wScale: [0.01], yScale: 0.05, bias: true },
  { name: 'int8 weights per channel, uint8 x, int8 y, stride 2', xType: 'uint8', wType: 'int8', yType: 'int8', xDims: [2, 4, 11, 11], wDims: [6, 4, 3, 3], attrs: { strides: [2, 2] }, xScale: 0.03, wScale: [0.01, 0.02, 0.005, 0.04, 0.01, 0.003], yScale: 0.07, perChannelWZero: true, bias: true },
  { name: 'ties to even: scale 0.5', xType: 'int8', wType: 'int8', yType: 'int8', xDims: [1, 3, 6, 6], wDims: [4, 3, 1, 1], xScale: 1, wScale: [0.5], yScale: 1, small: true },
  { name: 'saturating: a tiny y_scale', xType: 'uint8', wType: 'uint8', xDims: [1, 3, 5, 5], wDims: [2, 3, 3, 3], xScale: 0.1, wScale: [0.1], yScale: 0.001, bias: true },
  { name: 'depthwise 3x3, per-channel, no bias', xType: 'uint8', wType: 'uint8', yType: 'uint8', xDims: [1, 8, 14, 13], wDims: [8, 1, 3, 3], attrs: { group: 8, pads: [1, 1, 1, 1] }, xScale: 0.02, wScale: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08], yScale: 0.03, perChannelWZero: true },
  { name: 'groups of 2, 1-D', xType: 'int8', wType: 'int8', yType: 'uint8', xDims: [1, 4, 20], wDims: [6, 2, 3], attrs: { group: 2, pads: [1, 1] }, xScale: 0.05, wScale: [0.02], yScale: 0.04, bias: true },
  { name: 'infinite scale (y_scale 0): the reference, counted', xType: 'uint8', wType: 'uint8', yType: 'uint8', xDims: [1, 2, 4, 4], wDims: [2, 2, 1, 1], xScale: 0.1, wScale: [0.1], yScale: 0, fallback: true },
  { name: 'a window deep enough to wrap int32: the reference, counted', xType: 'uint8', wType: 'uint8', yType: 'uint8', xDims: [1, 33100, 1, 1], wDims: [2, 33100, 1, 1], xScale: 1e-3, wScale: [1e-3], yScale: 1, fallback: true },
];

function data(c: Case, type: Int8Type, n: number, seed: number): Uint8Array | Int8Array {
  const v = randomBytes(type, n, seed);
  if (c.small) for (let i = 0; i < n; i++) v[i] = type === 'int8' ? (v[i] % 3) : 0;
  return v;
}

function qlinearConvModel(c: Case): Uint8Array {
  const g = new GraphBuilder('qlinear-conv');
  const m = c.wDims[0];
  g.input('x', c.xType, c.xDims);
  g.initializer('xs', new Tensor('float32', [c.xScale], []));
  g.initializer('xz', new Tensor(c.xType, data(c, c.xType, 1, 3), []));
  g.initializer('w', new Tensor(c.wType, data(c, c.wType, size(c.wDims), 2), c.wDims));
  g.initializer('ws', new Tensor('float32', c.wScale, c.wScale.length === 1 ? [] : [m]));
  g.initializer('wz', new Tensor(c.wType, c.small ? new Int8Array(1) : randomBytes(c.wType, c.perChannelWZero ? m : 1, 4), c.perChannelWZero ? [m] : []));
  g.initializer('ys', new Tensor('float32', [c.yScale], []));
  const inputs = ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', '', ''];
  if (c.yType) {
    g.initializer('yz', new Tensor(c.yType, c.small ? new Int8Array(1) : randomBytes(c.yType, 1, 5), []));
    inputs[7] = 'yz';
  }
  if (c.bias) {
    const r = rng(6);
    g.initializer('b', new Tensor('int32', Int32Array.from({ length: m }, () => Math.round(r() * 20000)), [m]));
    inputs[8] = 'b';
  }
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const [y] = g.node('QLinearConv', inputs, c.attrs ?? {}, { outputs: ['y'] });
  g.output(y, c.yType ?? c.xType);
  return encodeModel(g.model({ '': 13 }));
}

describe('QLinearConv on the wasm provider', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const x = new Tensor(c.xType, data(c, c.xType, size(c.xDims), 1), c.xDims);
      const [wasm, ref] = await runBoth(qlinearConvModel(c), { x });
      const wy = wasm.out.y as Tensor, ry = ref.out.y as Tensor;
      expect(wy.type).toBe(ry.type);
      expect(wy.dims).toEqual(ry.dims);
      expect(Array.from(wy.data as ArrayLike<number>)).toEqual(Array.from(ry.data as ArrayLike<number>));
      const nodes = wasm.placement.filter((p) => p.opType === 'QLinearConv');
      expect(nodes.map((p) => [p.provider, p.runs, p.fallbackRuns])).toEqual([['wasm', 1, c.fallback ? 1 : 0]]);
    });
  }
});
