// The random ops cannot be checked against reference outputs: these tests check shapes,
// types, seeded reproducibility and the moments of the distributions.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { type AttributeInput, GraphBuilder, floatAttr } from '../../graph/graph-builder.js';
import type { DataType } from '../../data/dtype.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import { decodeFloatArray } from '../../data/float-codecs.js';

const N = 100_000;

async function session(op: string, attrs: Record<string, AttributeInput>, input?: { type: DataType; dims: number[] }, opset = 22) {
  const b = new GraphBuilder();
  const inputs = input ? [b.input('x', input.type, input.dims)] : [];
  b.node(op, inputs, attrs, { outputs: ['y'] });
  b.output('y');
  return InferenceSession.create(encodeModel(b.model({ '': opset })));
}

async function runOnce(op: string, attrs: Record<string, AttributeInput>, feed?: Tensor): Promise<Tensor> {
  const s = await session(op, attrs, feed ? { type: feed.type, dims: [...feed.dims] } : undefined);
  const out = await s.run(feed ? { x: feed } : {});
  return out.y as Tensor;
}

function numbers(t: Tensor): number[] {
  if (t.type === 'float16' || t.type === 'bfloat16') return Array.from(decodeFloatArray(t.type, t.data as Uint16Array));
  return Array.from(t.data as ArrayLike<number | bigint>, Number);
}

function moments(v: number[]): { mean: number; variance: number } {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const variance = v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length;
  return { mean, variance };
}

const seed = floatAttr(1.5);

describe('RandomUniform', () => {
  it('has the requested shape and type and uniform moments', async () => {
    const y = await runOnce('RandomUniform', { shape: [N], low: -2, high: floatAttr(4), dtype: 11, seed });
    expect(y.type).toBe('float64');
    expect(y.dims).toEqual([N]);
    const v = numbers(y);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...v)).toBeLessThan(4);
    const { mean, variance } = moments(v);
    expect(mean).toBeCloseTo(1, 1);
    expect(variance).toBeGreaterThan(36 / 12 * 0.95);
    expect(variance).toBeLessThan(36 / 12 * 1.05);
  });

  it('is reproducible with a seed and differs between seeds', async () => {
    const a = numbers(await runOnce('RandomUniform', { shape: [3, 4], seed }));
    const b = numbers(await runOnce('RandomUniform', { shape: [3, 4], seed }));
    const c = numbers(await runOnce('RandomUniform', { shape: [3, 4], seed: floatAttr(2.5) }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('continues its stream across runs of one session', async () => {
    const s = await session('RandomUniform', { shape: [8], seed });
    const first = numbers((await s.run({})).y as Tensor);
    const second = numbers((await s.run({})).y as Tensor);
    expect(first).not.toEqual(second);
  });

  it('rejects a non-float dtype when the model is loaded', async () => {
    await expect(session('RandomUniform', { shape: [2], dtype: 6 })).rejects.toThrow(/dtype/);
  });
});

describe('RandomNormal', () => {
  it('has normal moments', async () => {
    const y = await runOnce('RandomNormal', { shape: [N], mean: floatAttr(3), scale: floatAttr(2), seed });
    expect(y.type).toBe('float32');
    const { mean, variance } = moments(numbers(y));
    expect(mean).toBeCloseTo(3, 1);
    expect(variance).toBeGreaterThan(4 * 0.95);
    expect(variance).toBeLessThan(4 * 1.05);
  });

  it('is reproducible with a seed', async () => {
    const a = numbers(await runOnce('RandomNormal', { shape: [5], seed }));
    const b = numbers(await runOnce('RandomNormal', { shape: [5], seed }));
    expect(a).toEqual(b);
  });
});

describe('RandomUniformLike and RandomNormalLike', () => {
  const like = new Tensor('float16', new Uint16Array(N), [N / 4, 4]);

  it('take the input shape and type', async () => {
    const u = await runOnce('RandomUniformLike', { seed }, like);
    expect(u.type).toBe('float16');
    expect(u.dims).toEqual([N / 4, 4]);
    const { mean } = moments(numbers(u));
    expect(mean).toBeCloseTo(0.5, 1);
    const n = await runOnce('RandomNormalLike', { seed, dtype: 1 }, like);
    expect(n.type).toBe('float32');
    const m = moments(numbers(n));
    expect(Math.abs(m.mean)).toBeLessThan(0.02);
    expect(m.variance).toBeGreaterThan(0.95);
    expect(m.variance).toBeLessThan(1.05);
  });

  it('are reproducible with a seed', async () => {
    const x = new Tensor('float32', new Float32Array(6), [2, 3]);
    expect(numbers(await runOnce('RandomNormalLike', { seed }, x))).toEqual(numbers(await runOnce('RandomNormalLike', { seed }, x)));
  });
});

describe('Bernoulli', () => {
  it('draws ones with the given probability', async () => {
    const p = new Tensor('float64', new Float64Array(N).fill(0.3), [N]);
    const y = await runOnce('Bernoulli', { seed }, p);
    expect(y.type).toBe('float64');
    const v = numbers(y);
    expect(v.every((x) => x === 0 || x === 1)).toBe(true);
    expect(moments(v).mean).toBeCloseTo(0.3, 1);
  });

  it('honours dtype, including bool, and the extreme probabilities', async () => {
    const p = new Tensor('float32', Float32Array.from([0, 1, 0, 1]), [2, 2]);
    const y = await runOnce('Bernoulli', { seed, dtype: 9 }, p);
    expect(y.type).toBe('bool');
    expect(numbers(y)).toEqual([0, 1, 0, 1]);
  });

  it('is reproducible with a seed', async () => {
    const p = new Tensor('float32', new Float32Array(64).fill(0.5), [64]);
    expect(numbers(await runOnce('Bernoulli', { seed }, p))).toEqual(numbers(await runOnce('Bernoulli', { seed }, p)));
  });
});

describe('Multinomial', () => {
  it('samples classes in proportion to the softmax of the input', async () => {
    const logits = new Tensor('float32', Float32Array.from([Math.log(0.2), Math.log(0.5), Math.log(0.3)]), [1, 3]);
    const y = await runOnce('Multinomial', { seed, sample_size: N, dtype: 7 }, logits);
    expect(y.type).toBe('int64');
    expect(y.dims).toEqual([1, N]);
    const v = numbers(y);
    const freq = [0, 1, 2].map((c) => v.filter((x) => x === c).length / N);
    expect(freq[0]).toBeCloseTo(0.2, 1);
    expect(freq[1]).toBeCloseTo(0.5, 1);
    expect(freq[2]).toBeCloseTo(0.3, 1);
  });

  it('defaults to int32 and one sample per batch row', async () => {
    const logits = new Tensor('float32', new Float32Array(8), [4, 2]);
    const y = await runOnce('Multinomial', { seed }, logits);
    expect(y.type).toBe('int32');
    expect(y.dims).toEqual([4, 1]);
  });
});
