// QuantizeLinear, DequantizeLinear and QLinearMatMul on the wasm provider give exactly the
// reference op's values: ties to even, saturation at both ends, NaN to 0, int8 and uint8,
// per-tensor and per-column scales; layouts the kernels do not take run the reference, counted.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { Tensor } from '../../src/index.js';
import { type Int8Type, randomBytes, rng } from '../kernels/wasm-reference.js';
import { runBoth } from './wasm-vs-reference.js';

/** Values that hit every rounding edge at scale 0.5: ties, saturation, NaN, infinities, -0. */
function edgeValues(n: number): Float32Array {
  const edges = [0.25, 0.75, -0.25, -0.75, 1.25, -1.25, 1e6, -1e6, NaN, Infinity, -Infinity, -0, 63.75, 64.25, -64.25, 127.5];
  const r = rng(31);
  return Float32Array.from({ length: n }, (_, i) => (i < edges.length * 2 ? edges[i % edges.length] : (r() - 0.5) * 300));
}

function qdqModel(type: Int8Type, zero: number, scaleDims: number[] = []): Uint8Array {
  const g = new GraphBuilder('qdq');
  g.input('x', 'float32', [3, 37]);
  g.initializer('s', new Tensor('float32', scaleDims.length ? Float32Array.from({ length: scaleDims[0] }, (_, i) => 0.5 + i * 0.125) : [0.5], scaleDims));
  const zp = scaleDims.length ? Array.from({ length: scaleDims[0] }, () => zero) : [zero];
  g.initializer('z', new Tensor(type, type === 'int8' ? Int8Array.from(zp) : Uint8Array.from(zp), scaleDims));
  const attrs: Record<string, number> = scaleDims.length ? { axis: 0 } : {};
  g.node('QuantizeLinear', ['x', 's', 'z'], attrs, { outputs: ['q'] });
  g.node('DequantizeLinear', ['q', 's', 'z'], attrs, { outputs: ['y'] });
  g.output('q', type);
  g.output('y', 'float32');
  return encodeModel(g.model({ '': 13 }));
}

describe('QuantizeLinear and DequantizeLinear on the wasm provider', () => {
  for (const [type, zero] of [['uint8', 128], ['uint8', 0], ['int8', 0], ['int8', -5]] as const) {
    it(`${type}, zero point ${zero}: the reference's values, on the kernels`, async () => {
      const x = new Tensor('float32', edgeValues(111), [3, 37]);
      const [wasm, ref] = await runBoth(qdqModel(type, zero), { x });
      expect(Array.from((wasm.out.q as Tensor).data as Uint8Array)).toEqual(Array.from((ref.out.q as Tensor).data as Uint8Array));
      expect(Array.from((wasm.out.y as Tensor).data as Float32Array)).toEqual(Array.from((ref.out.y as Tensor).data as Float32Array));
      expect(wasm.placement.map((p) => [p.opType, p.provider, p.fallbackRuns])).toEqual([['QuantizeLinear', 'wasm', 0], ['DequantizeLinear', 'wasm', 0]]);
    });
  }

  it('per-axis scales: the reference, counted', async () => {
    const x = new Tensor('float32', edgeValues(111), [3, 37]);
    const [wasm, ref] = await runBoth(qdqModel('uint8', 3, [3]), { x });
    expect(Array.from((wasm.out.y as Tensor).data as Float32Array)).toEqual(Array.from((ref.out.y as Tensor).data as Float32Array));
    expect(wasm.placement.map((p) => p.fallbackRuns)).toEqual([1, 1]);
  });
});

function qlinearMatMulModel(aType: Int8Type, bType: Int8Type, yType: Int8Type, bScales: number[], K: number): Uint8Array {
  const g = new GraphBuilder('qlinear-matmul');
  const N = 9;
  g.input('a', aType, [2, 7, K]);
  g.initializer('as', new Tensor('float32', [0.02], []));
  g.initializer('az', new Tensor(aType, randomBytes(aType, 1, 41), []));
  g.initializer('b', new Tensor(bType, randomBytes(bType, K * N, 42), [K, N]));
  g.initializer('bs', new Tensor('float32', bScales, bScales.length === 1 ? [] : [N]));
  g.initializer('bz', new Tensor(bType, randomBytes(bType, bScales.length === 1 ? 1 : N, 43), bScales.length === 1 ? [] : [N]));
  g.initializer('ys', new Tensor('float32', [0.5], []));
  g.initializer('yz', new Tensor(yType, randomBytes(yType, 1, 44), []));
  g.node('QLinearMatMul', ['a', 'as', 'az', 'b', 'bs', 'bz', 'ys', 'yz'], {}, { outputs: ['y'] });
  g.output('y', yType);
  return encodeModel(g.model({ '': 13 }));
}

describe('QLinearMatMul on the wasm provider', () => {
  const perColumn = Array.from({ length: 9 }, (_, i) => 0.01 * (i + 1));
  const cases = [
    { name: 'uint8 x int8 -> uint8, per-column b scales', a: 'uint8', b: 'int8', y: 'uint8', bScales: perColumn, K: 40 },
    { name: 'int8 x uint8 -> int8, one b scale', a: 'int8', b: 'uint8', y: 'int8', bScales: [0.03], K: 17 },
    { name: 'saturating: a large b scale', a: 'uint8', b: 'uint8', y: 'uint8', bScales: [5], K: 8 },
    { name: 'int8 -> int8, per-column scales that saturate', a: 'int8', b: 'int8', y: 'int8', bScales: perColumn.map((s) => 50 * s), K: 12 },
  ] as const;
  for (const c of cases) {
    it(c.name, async () => {
      const a = new Tensor(c.a, randomBytes(c.a, 2 * 7 * c.K, 45), [2, 7, c.K]);
      const [wasm, ref] = await runBoth(qlinearMatMulModel(c.a, c.b, c.y, [...c.bScales], c.K), { a });
      expect(Array.from((wasm.out.y as Tensor).data as Uint8Array)).toEqual(Array.from((ref.out.y as Tensor).data as Uint8Array));
      expect(wasm.placement.map((p) => [p.provider, p.fallbackRuns])).toEqual([['wasm', 0]]);
    });
  }

  it('ties to even: products that land on .5 after scaling', async () => {
    // a_scale * b_scale / y_scale = 0.5 exactly: every odd sum is a tie
    const g = new GraphBuilder('ties');
    g.input('a', 'int8', [4, 3]);
    for (const [n, v] of [['as', 1], ['bs', 0.5], ['ys', 1]] as const) g.initializer(n, new Tensor('float32', [v], []));
    g.initializer('az', new Tensor('int8', new Int8Array(1), []));
    g.initializer('b', new Tensor('int8', Int8Array.from([1, -1, 3, 2, 1, -3]), [3, 2]));
    g.initializer('bz', new Tensor('int8', new Int8Array(1), []));
    g.initializer('yz', new Tensor('int8', new Int8Array(1), []));
    g.node('QLinearMatMul', ['a', 'as', 'az', 'b', 'bs', 'bz', 'ys', 'yz'], {}, { outputs: ['y'] });
    g.output('y', 'int8');
    const a = new Tensor('int8', Int8Array.from([1, 0, 0, 0, 1, 2, 3, -1, 1, -3, 0, 5]), [4, 3]);
    const [wasm, ref] = await runBoth(encodeModel(g.model({ '': 13 })), { a });
    expect(Array.from((wasm.out.y as Tensor).data as Int8Array)).toEqual(Array.from((ref.out.y as Tensor).data as Int8Array));
    expect(wasm.placement[0].fallbackRuns).toBe(0);
  });
});
