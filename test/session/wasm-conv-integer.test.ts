// ConvInteger on the wasm provider gives exactly the reference op's integers and says where it
// ran: on the SIMD kernels (no fallback) for 1-D and 2-D convolutions with constant or fed
// weights, per-tensor and per-channel weight zero points, groups, depthwise, pads, strides,
// dilations and auto_pad; on the reference, each run counted, for 3-D convolutions and zero
// points the kernels do not take. The q8 CNN chain (DynamicQuantizeLinear -> ConvInteger) too.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { type OnnxValue, Tensor } from '../../src/index.js';
import { randomF32, rng, type Int8Type, randomBytes } from '../kernels/wasm-reference.js';
import { runBoth } from './wasm-vs-reference.js';

type Placement = { opType: string; provider: string; runs: number; fallbackRuns: number }[];

const size = (d: number[]) => d.reduce((p, v) => p * v, 1);

function placementOf(placement: Placement, op: string) {
  const nodes = placement.filter((p) => p.opType === op);
  expect(nodes.length, op).toBeGreaterThan(0);
  return nodes.map((p) => [p.provider, p.runs, p.fallbackRuns]);
}

interface Case {
  name: string;
  xType: Int8Type;
  wType: Int8Type;
  xDims: number[];
  wDims: number[];
  attrs?: Record<string, number | number[] | string>;
  constW?: boolean;
  xZeroDims?: number[];
  wZeroDims?: number[];
  /** Runs on the reference (counted) rather than the SIMD kernels. */
  fallback?: boolean;
}

const cases: Case[] = [
  { name: '1x1, uint8 x, int8 w, scalar zero points', xType: 'uint8', wType: 'int8', xDims: [1, 16, 7, 9], wDims: [24, 16, 1, 1], constW: true, xZeroDims: [], wZeroDims: [] },
  { name: '3x3 pad 1, uint8 w with per-channel zero points', xType: 'uint8', wType: 'uint8', xDims: [2, 5, 10, 11], wDims: [7, 5, 3, 3], attrs: { pads: [1, 1, 1, 1] }, constW: true, xZeroDims: [1], wZeroDims: [7] },
  { name: 'stride 2, dilation 2, asymmetric pads, fed w', xType: 'int8', wType: 'int8', xDims: [1, 3, 13, 12], wDims: [4, 3, 3, 2], attrs: { strides: [2, 2], dilations: [2, 1], pads: [0, 2, 1, 0] }, xZeroDims: [], wZeroDims: [4] },
  { name: 'groups of 2 channels, auto_pad SAME_UPPER', xType: 'uint8', wType: 'int8', xDims: [1, 6, 9, 9], wDims: [6, 2, 3, 3], attrs: { group: 3, auto_pad: 'SAME_UPPER', strides: [2, 2] }, constW: true, xZeroDims: [] },
  { name: 'depthwise 3x3 stride 2, per-channel zero points', xType: 'uint8', wType: 'uint8', xDims: [1, 8, 15, 14], wDims: [8, 1, 3, 3], attrs: { group: 8, pads: [1, 1, 1, 1], strides: [2, 2] }, constW: true, xZeroDims: [], wZeroDims: [8] },
  { name: 'depthwise with channel multiplier 2, no zero points', xType: 'int8', wType: 'uint8', xDims: [2, 3, 6, 9], wDims: [6, 1, 3, 3], attrs: { group: 3, pads: [1, 0, 1, 2] }, constW: true },
  { name: '1-D, kernel 3, stride 2, pad 1', xType: 'uint8', wType: 'int8', xDims: [1, 4, 17], wDims: [5, 4, 3], attrs: { strides: [2], pads: [1, 1] }, constW: true, xZeroDims: [], wZeroDims: [5] },
  { name: '3-D: the reference, counted', xType: 'uint8', wType: 'uint8', xDims: [1, 2, 4, 4, 4], wDims: [3, 2, 2, 2, 2], constW: true, xZeroDims: [], fallback: true },
  { name: 'x zero point per channel: the reference, counted', xType: 'uint8', wType: 'int8', xDims: [1, 2, 5, 5], wDims: [3, 2, 3, 3], constW: true, xZeroDims: [2, 1, 1], fallback: true },
];

function convIntegerModel(c: Case, wt: Tensor) {
  const g = new GraphBuilder('conv-integer');
  g.input('x', c.xType, c.xDims);
  if (c.constW) g.initializer('w', wt);
  else g.input('w', c.wType, c.wDims);
  const inputs = ['x', 'w', '', ''];
  if (c.xZeroDims) {
    g.initializer('xz', new Tensor(c.xType, randomBytes(c.xType, size(c.xZeroDims), 3), c.xZeroDims));
    inputs[2] = 'xz';
  }
  if (c.wZeroDims) {
    g.initializer('wz', new Tensor(c.wType, randomBytes(c.wType, size(c.wZeroDims), 4), c.wZeroDims));
    inputs[3] = 'wz';
  }
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const [y] = g.node('ConvInteger', inputs, c.attrs ?? {}, { outputs: ['y'] });
  g.output(y, 'int32');
  return encodeModel(g.model({ '': 13 }));
}

describe('ConvInteger on the wasm provider', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const wt = new Tensor(c.wType, randomBytes(c.wType, size(c.wDims), 2), c.wDims);
      const feeds: Record<string, OnnxValue> = { x: new Tensor(c.xType, randomBytes(c.xType, size(c.xDims), 1), c.xDims) };
      if (!c.constW) feeds.w = wt;
      const [wasm, ref] = await runBoth(convIntegerModel(c, wt), feeds);
      const wy = wasm.out.y as Tensor, ry = ref.out.y as Tensor;
      expect(wy.dims).toEqual(ry.dims);
      expect(Array.from(wy.data as Int32Array)).toEqual(Array.from(ry.data as Int32Array));
      expect(placementOf(wasm.placement, 'ConvInteger')).toEqual([['wasm', 1, c.fallback ? 1 : 0]]);
    });
  }

  it('DynamicQuantizeLinear -> ConvInteger -> Cast -> Mul -> Add, as a q8 CNN layer runs it', async () => {
    const g = new GraphBuilder('q8-conv');
    g.input('x', 'float32', [1, 8, 12, 12]);
    g.initializer('w', new Tensor('uint8', randomBytes('uint8', 16 * 8 * 9, 5), [16, 8, 3, 3]));
    g.initializer('wz', new Tensor('uint8', new Uint8Array([131]), []));
    g.initializer('ws', new Tensor('float32', [0.01], []));
    g.initializer('bias', new Tensor('float32', randomF32(16, rng(7)), [1, 16, 1, 1]));
    const [q, scale, zero] = g.node('DynamicQuantizeLinear', ['x'], {}, { outputs: ['q', 'scale', 'zero'] });
    const [acc] = g.node('ConvInteger', [q, 'w', zero, 'wz'], { pads: [1, 1, 1, 1] }, { outputs: ['acc'] });
    const [accf] = g.node('Cast', [acc], { to: 1 }, { outputs: ['accf'] });
    const [s] = g.node('Mul', [scale, 'ws'], {}, { outputs: ['s'] });
    const [scaled] = g.node('Mul', [accf, s], {}, { outputs: ['scaled'] });
    g.node('Add', [scaled, 'bias'], {}, { outputs: ['y'] });
    g.output(acc, 'int32');
    g.output('y', 'float32');
    const x = new Tensor('float32', randomF32(8 * 144, rng(6)), [1, 8, 12, 12]);
    const [wasm, ref] = await runBoth(encodeModel(g.model({ '': 13 })), { x });
    expect(Array.from((wasm.out.acc as Tensor).data as Int32Array)).toEqual(Array.from((ref.out.acc as Tensor).data as Int32Array));
    const wy = (wasm.out.y as Tensor).data as Float32Array, ry = (ref.out.y as Tensor).data as Float32Array;
    wy.forEach((v, i) => expect(v).toBeCloseTo(ry[i], 4));
    expect(placementOf(wasm.placement, 'ConvInteger')).toEqual([['wasm', 1, 0]]);
    expect(placementOf(wasm.placement, 'DynamicQuantizeLinear')).toEqual([['wasm', 1, 0]]);
  });

  it('a feed that overrides the weight (IR >= 4) is used, not the copy prepared at load', async () => {
    const g = new GraphBuilder('override');
    g.input('x', 'uint8', [1, 3, 6, 6]);
    g.input('w', 'uint8', [4, 3, 3, 3]);
    g.initializer('w', new Tensor('uint8', randomBytes('uint8', 108, 8), [4, 3, 3, 3]));
    const [y] = g.node('ConvInteger', ['x', 'w'], {}, { outputs: ['y'] });
    g.output(y, 'int32');
    const feeds = { x: new Tensor('uint8', randomBytes('uint8', 108, 9), [1, 3, 6, 6]), w: new Tensor('uint8', randomBytes('uint8', 108, 10), [4, 3, 3, 3]) };
    const [wasm, ref] = await runBoth(encodeModel(g.model({ '': 13 })), feeds);
    expect(Array.from((wasm.out.y as Tensor).data as Int32Array)).toEqual(Array.from((ref.out.y as Tensor).data as Int32Array));
  });

  it('reports inconsistent shapes with the reference op\'s typed error', async () => {
    const c: Case = { name: 'bad', xType: 'uint8', wType: 'uint8', xDims: [1, 4, 5, 5], wDims: [2, 3, 3, 3], constW: true };
    const model = convIntegerModel(c, new Tensor('uint8', randomBytes('uint8', 54, 2), c.wDims));
    const { InferenceSession } = await import('../../src/index.js');
    const s = await InferenceSession.create(model, { executionProviders: ['wasm'] });
    await expect(s.run({ x: new Tensor('uint8', randomBytes('uint8', 100, 1), c.xDims) })).rejects.toThrow(/does not fit 4 input channels/);
    await s.release();
  });
});
