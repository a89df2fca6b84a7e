// The int8 path of the wasm provider: MatMulInteger (constant and fed B, int8 and uint8, zero
// points per tensor, per row of A and per column of B, batched A) and DynamicQuantizeLinear
// give exactly the reference op's integers, and say they ran on the SIMD kernels.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, type OnnxValue, Tensor } from '../../src/index.js';
import { randomF32, rng } from '../kernels/wasm-reference.js';
import { runBoth } from './wasm-vs-reference.js';

type Int8Type = 'uint8' | 'int8';

function bytes(type: Int8Type, n: number, seed: number): Uint8Array | Int8Array {
  const r = rng(seed);
  const out = type === 'uint8' ? new Uint8Array(n) : new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = type === 'uint8' ? Math.floor(r() * 256) : Math.floor(r() * 256) - 128;
  return out;
}

function expectOnSimd(placement: { opType: string; provider: string; runs: number; fallbackRuns: number }[], op: string) {
  const nodes = placement.filter((p) => p.opType === op);
  expect(nodes.length, op).toBeGreaterThan(0);
  expect(nodes.map((p) => [p.provider, p.runs, p.fallbackRuns])).toEqual(nodes.map(() => ['wasm', 1, 0]));
}

interface Case {
  name: string;
  aType: Int8Type;
  bType: Int8Type;
  aDims: number[];
  bDims: number[];
  constB: boolean;
  aZeroDims?: number[];
  bZeroDims?: number[];
}

const cases: Case[] = [
  { name: 'uint8 x int8 weight, scalar zero points', aType: 'uint8', bType: 'int8', aDims: [5, 37], bDims: [37, 19], constB: true, aZeroDims: [], bZeroDims: [] },
  { name: 'uint8 x uint8 weight, per-column B zero point', aType: 'uint8', bType: 'uint8', aDims: [2, 3, 33], bDims: [33, 17], constB: true, aZeroDims: [], bZeroDims: [17] },
  { name: 'int8 x int8, per-row A zero point, fed B', aType: 'int8', bType: 'int8', aDims: [9, 16], bDims: [16, 8], constB: false, aZeroDims: [9], bZeroDims: [8] },
  { name: 'batched B broadcast, no zero points', aType: 'uint8', bType: 'int8', aDims: [3, 4, 10], bDims: [3, 10, 6], constB: false },
  { name: 'a vector against the weight (M = 1)', aType: 'uint8', bType: 'int8', aDims: [65], bDims: [65, 40], constB: true, aZeroDims: [] },
];

describe('wasm int8 kernels', () => {
  for (const c of cases) {
    it(`MatMulInteger: ${c.name}`, async () => {
      const size = (d: number[]) => d.reduce((p, v) => p * v, 1);
      const g = new GraphBuilder('matmul-integer');
      const feeds: Record<string, OnnxValue> = { a: new Tensor(c.aType, bytes(c.aType, size(c.aDims), 1), c.aDims) };
      g.input('a', c.aType, c.aDims);
      const b = new Tensor(c.bType, bytes(c.bType, size(c.bDims), 2), c.bDims);
      if (c.constB) g.initializer('b', b);
      else {
        g.input('b', c.bType, c.bDims);
        feeds.b = b;
      }
      const inputs = ['a', 'b', '', ''];
      if (c.aZeroDims) {
        g.initializer('az', new Tensor(c.aType, bytes(c.aType, size(c.aZeroDims), 3), c.aZeroDims));
        inputs[2] = 'az';
      }
      if (c.bZeroDims) {
        g.initializer('bz', new Tensor(c.bType, bytes(c.bType, size(c.bZeroDims), 4), c.bZeroDims));
        inputs[3] = 'bz';
      }
      while (inputs[inputs.length - 1] === '') inputs.pop();
      const [y] = g.node('MatMulInteger', inputs, {}, { outputs: ['y'] });
      g.output(y, 'int32');
      const [wasm, ref] = await runBoth(encodeModel(g.model({ '': 13 })), feeds);
      const wy = wasm.out.y as Tensor, ry = ref.out.y as Tensor;
      expect(wy.dims).toEqual(ry.dims);
      expect(Array.from(wy.data as Int32Array)).toEqual(Array.from(ry.data as Int32Array));
      expectOnSimd(wasm.placement, 'MatMulInteger');
    });
  }

  it('DynamicQuantizeLinear -> MatMulInteger, as a q8 transformer layer runs it', async () => {
    const g = new GraphBuilder('q8-layer');
    g.input('x', 'float32', [4, 48]);
    g.initializer('w', new Tensor('int8', bytes('int8', 48 * 24, 5), [48, 24]));
    g.initializer('wz', new Tensor('int8', new Int8Array([0]), []));
    const [q, scale, zero] = g.node('DynamicQuantizeLinear', ['x'], {}, { outputs: ['q', 'scale', 'zero'] });
    const [acc] = g.node('MatMulInteger', [q, 'w', zero, 'wz'], {}, { outputs: ['acc'] });
    for (const name of [q, scale, zero, acc]) g.output(name, name === acc ? 'int32' : name === scale ? 'float32' : 'uint8');
    const x = new Tensor('float32', randomF32(4 * 48, rng(6)), [4, 48]);
    const [wasm, ref] = await runBoth(encodeModel(g.model({ '': 13 })), { x });
    for (const name of ['q', 'scale', 'zero', 'acc']) {
      expect(Array.from((wasm.out[name] as Tensor).data as ArrayLike<number>), name).toEqual(Array.from((ref.out[name] as Tensor).data as ArrayLike<number>));
    }
    expectOnSimd(wasm.placement, 'DynamicQuantizeLinear');
    expectOnSimd(wasm.placement, 'MatMulInteger');
  });

  it('DynamicQuantizeLinear matches the reference on ties, zeros and one-signed ranges', async () => {
    const g = new GraphBuilder('dql');
    g.input('x', 'float32', [12]);
    g.node('DynamicQuantizeLinear', ['x'], {}, { outputs: ['q', 's', 'z'] });
    g.output('q', 'uint8');
    g.output('s', 'float32');
    g.output('z', 'uint8');
    const model = encodeModel(g.model({ '': 13 }));
    const inputs = [
      new Float32Array(12),
      Float32Array.from({ length: 12 }, (_, i) => i * 0.5),
      Float32Array.from({ length: 12 }, (_, i) => -i * 1.25),
      Float32Array.from({ length: 12 }, (_, i) => (i - 6) * 2.55),
    ];
    for (const data of inputs) {
      const [wasm, ref] = await runBoth(model, { x: new Tensor('float32', data, [12]) });
      for (const name of ['q', 's', 'z']) {
        expect(Array.from((wasm.out[name] as Tensor).data as ArrayLike<number>), name).toEqual(Array.from((ref.out[name] as Tensor).data as ArrayLike<number>));
      }
      expectOnSimd(wasm.placement, 'DynamicQuantizeLinear');
    }
  });

  it('a feed that overrides a weight (IR >= 4) is used, not the copy packed at load', async () => {
    for (const op of ['MatMul', 'MatMulInteger'] as const) {
      const type = op === 'MatMul' ? 'float32' : 'int8';
      const make = (seed: number) => (type === 'float32' ? new Tensor('float32', randomF32(12 * 5, rng(seed)), [12, 5]) : new Tensor('int8', bytes('int8', 12 * 5, seed), [12, 5]));
      const g = new GraphBuilder('override');
      g.input('a', type, [3, 12]);
      g.input('b', type, [12, 5]);
      g.initializer('b', make(8));
      const [y] = g.node(op, ['a', 'b'], {}, { outputs: ['y'] });
      g.output(y, op === 'MatMul' ? 'float32' : 'int32');
      const a = type === 'float32' ? new Tensor('float32', randomF32(36, rng(9)), [3, 12]) : new Tensor('int8', bytes('int8', 36, 9), [3, 12]);
      const [wasm, ref] = await runBoth(encodeModel(g.model({ '': 13 })), { a, b: make(10) });
      const wy = Array.from((wasm.out.y as Tensor).data as ArrayLike<number>), ry = Array.from((ref.out.y as Tensor).data as ArrayLike<number>);
      if (op === 'MatMulInteger') expect(wy, op).toEqual(ry);
      else wy.forEach((v, i) => expect(v).toBeCloseTo(ry[i], 4));
    }
  });
});

/** DynamicQuantizeLinear, then the q8 matmul quantizers write: MatMulInteger -> Cast -> Mul(Mul(a_scale, b_scale)) -> Add(bias). */
function q8MatMulModel(K: number, N: number, perColumn: boolean, large: boolean): Uint8Array {
  const b = new GraphBuilder('q8-matmul');
  const x = b.input('x', 'float32', [2, 3, K]);
  const [xq, xs, xz] = ['xq', 'xs', 'xz'];
  b.node('DynamicQuantizeLinear', [x], {}, { outputs: [xq, xs, xz] });
  // large: weights of 100..127 (less the zero point 3) against inputs in [30, 31), which quantize
  // to 247..255 with zero point 0: with K = 800 every sum is at least 800 * 247 * 97 > 2^24
  const w = b.initializer('w', new Tensor('int8', large ? Int8Array.from({ length: K * N }, (_, i) => 100 + (i % 28)) : bytes('int8', K * N, 91), [K, N]));
  const wz = b.initializer('wz', new Tensor('int8', Int8Array.from([3]), []));
  const ws = b.initializer('ws', new Tensor('float32', perColumn ? Array.from({ length: N }, (_, i) => 0.001 * (i + 1)) : [0.004], perColumn ? [N] : []));
  const acc = b.op('MatMulInteger', [xq, w, xz, wz]);
  const accf = b.op('Cast', [acc], { to: 1 });
  const y = b.op('Mul', [accf, b.op('Mul', [xs, ws])]);
  b.node('Add', [b.initializer('bias', new Tensor('float32', randomF32(N, rng(92)), [N])), y], {}, { outputs: ['y'] });
  b.output('y', 'float32');
  return encodeModel(b.model({ '': 13 }));
}

describe('the q8 matmul on the wasm provider (fused to MatMulIntegerToFloat)', () => {
  it.each([[800, 37, true, true], [40, 8, false, false], [70, 19, true, false]])('K=%i N=%i per-column=%s large sums=%s gives the unfused graph\'s bits', async (K, N, perColumn, large) => {
    const model = q8MatMulModel(K, N, perColumn, large);
    const r = rng(93);
    const x = new Tensor('float32', large ? Float32Array.from({ length: 2 * 3 * K }, () => 30 + r()) : randomF32(2 * 3 * K, r, 40), [2, 3, K]);
    const fused = await InferenceSession.create(model, { executionProviders: ['wasm'] });
    const plain = await InferenceSession.create(model, { executionProviders: ['js'], graphOptimizationLevel: 'disabled' });
    const got = (await fused.run({ x })).y as Tensor, want = (await plain.run({ x })).y as Tensor;
    expect(Array.from(got.data as Float32Array)).toEqual(Array.from(want.data as Float32Array));
    expect(fused.nodePlacement.map((p) => p.opType)).toEqual(['DynamicQuantizeLinear', 'MatMulIntegerToFloat']);
    expectOnSimd(fused.nodePlacement, 'MatMulIntegerToFloat');
  });
});
