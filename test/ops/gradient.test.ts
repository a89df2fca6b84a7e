// Gradient (ai.onnx.preview.training) on hand-built graphs: reverse-mode results checked
// against central finite differences of the same forward graph, broadcasting reduced back to
// the input shapes, weights given as initializers, and the create-time refusal of ops
// without a backward rule.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import { UnsupportedOperatorError } from '../../data/errors.js';

const f64 = (values: number[], dims: number[]) => new Tensor('float64', Float64Array.from(values), dims);
const OPSETS = { '': 17, 'ai.onnx.preview.training': 1 };

/** A small network through every op with a backward rule, ending in a scalar y. */
function network(withGradient: boolean, wAsInitializer: boolean, level: 'all' | 'disabled' = 'all') {
  const b = new GraphBuilder();
  b.input('x', 'float64', [2, 3]);
  if (wAsInitializer) b.initializer('W', f64([0.5, -1, 0.25, 2, -0.75, 1.5, 0.1, 0.2, -0.3, 0.4, 0.6, -0.8], [3, 4]));
  else b.input('W', 'float64', [3, 4]);
  b.input('bias', 'float64', [4]);
  b.input('k', 'float64', []);
  const h = b.op('MatMul', ['x', 'W']);
  const hb = b.op('Add', [h, 'bias']);
  const s = b.op('Sigmoid', [hb]);
  const t = b.op('Tanh', [hb]);
  const r = b.op('Relu', [b.op('Sub', [t, 'k'])]);
  const e = b.op('Exp', [b.op('Neg', [s])]);
  const q = b.op('Div', [b.op('Mul', [s, e]), b.op('Add', [r, b.op('Sqrt', [b.op('Mul', ['k', 'k'])])])]);
  const l = b.op('Log', [b.op('Add', [q, 'k'])]);
  const tr = b.op('Transpose', [l], { perm: [1, 0] });
  const flat = b.op('Reshape', [tr, b.initializer('shape', new Tensor('int64', BigInt64Array.of(-1n), [1]))]);
  const twice = b.op('Sum', [flat, b.op('Identity', [flat])]);
  b.node('ReduceMean', [b.op('ReduceSum', [twice], { keepdims: 0 })], { keepdims: 0 }, { outputs: ['y'] });
  b.output('y', 'float64');
  if (withGradient) {
    b.node('Gradient', ['x', 'W', 'bias', 'k'], { xs: ['x', 'W', 'bias'], zs: ['k'], y: 'y' }, {
      name: 'grad', outputs: ['dx', 'dW', 'db'], domain: 'ai.onnx.preview.training',
    });
    for (const o of ['dx', 'dW', 'db']) b.output(o, 'float64');
  }
  return InferenceSession.create(encodeModel(b.model(OPSETS)), { graphOptimizationLevel: level });
}

const X = [0.3, -0.2, 0.8, -1.1, 0.5, 0.05];
const W = [0.5, -1, 0.25, 2, -0.75, 1.5, 0.1, 0.2, -0.3, 0.4, 0.6, -0.8];
const B = [0.1, -0.2, 0.3, 0.05];

async function numericGradient(which: 'x' | 'W' | 'bias', base: Record<string, number[]>, dims: Record<string, number[]>, wAsInitializer: boolean) {
  const session = await network(false, wAsInitializer);
  const feeds = (vals: Record<string, number[]>) => {
    const f: Record<string, Tensor> = { k: f64([0.7], []) };
    for (const [n, v] of Object.entries(vals)) f[n] = f64(v, dims[n]);
    return f;
  };
  const out: number[] = [];
  const eps = 1e-6;
  for (let i = 0; i < base[which].length; i++) {
    const plus = { ...base, [which]: base[which].map((v, j) => (j === i ? v + eps : v)) };
    const minus = { ...base, [which]: base[which].map((v, j) => (j === i ? v - eps : v)) };
    const yp = ((await session.run(feeds(plus))).y as Tensor).data[0] as number;
    const ym = ((await session.run(feeds(minus))).y as Tensor).data[0] as number;
    out.push((yp - ym) / (2 * eps));
  }
  return out;
}

describe('Gradient', () => {
  it('matches finite differences through a mixed graph with broadcasting', async () => {
    for (const level of ['disabled', 'all'] as const) {
      const session = await network(true, false, level);
      const r = await session.run({ x: f64(X, [2, 3]), W: f64(W, [3, 4]), bias: f64(B, [4]), k: f64([0.7], []) });
      const base = { x: X, W, bias: B };
      const dims = { x: [2, 3], W: [3, 4], bias: [4] };
      for (const [name, out] of [['x', 'dx'], ['W', 'dW'], ['bias', 'db']] as const) {
        const g = r[out] as Tensor;
        expect(g.dims).toEqual(dims[name]);
        const expected = await numericGradient(name, base, dims, false);
        Array.from(g.data as Float64Array).forEach((v, i) => expect(v, `${level} d${name}[${i}]`).toBeCloseTo(expected[i], 6));
      }
    }
  });

  it('differentiates with respect to an initializer', async () => {
    const session = await network(true, true);
    const r = await session.run({ x: f64(X, [2, 3]), bias: f64(B, [4]), k: f64([0.7], []) });
    const expected = await numericGradient('W', { x: X, W, bias: B }, { x: [2, 3], W: [3, 4], bias: [4] }, false);
    Array.from((r.dW as Tensor).data as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('gives zeros for an x that y does not depend on', async () => {
    const b = new GraphBuilder();
    b.input('a', 'float32', [2]);
    b.input('c', 'float32', [2]);
    b.node('Mul', ['a', 'a'], {}, { outputs: ['y'] });
    b.output('y');
    b.node('Gradient', ['a', 'c'], { xs: ['a', 'c'], y: 'y' }, { outputs: ['da', 'dc'], domain: 'ai.onnx.preview.training' });
    b.output('da');
    b.output('dc');
    const session = await InferenceSession.create(encodeModel(b.model({ '': 17, 'ai.onnx.preview.training': 1 })));
    const r = await session.run({ a: new Tensor('float32', Float32Array.of(3, -2), [2]), c: new Tensor('float32', Float32Array.of(1, 1), [2]) });
    expect(Array.from((r.da as Tensor).data as Float32Array)).toEqual([6, -4]);
    expect(Array.from((r.dc as Tensor).data as Float32Array)).toEqual([0, 0]);
  });

  it('keeps a loss that only the Gradient node reads, whatever the optimization level', async () => {
    const f32 = (v: number[], d: number[]) => new Tensor('float32', Float32Array.from(v), d);
    const b = new GraphBuilder();
    b.input('x', 'float32', [1, 2]);
    b.initializer('W', f32([1, 2, 3, 4], [2, 2]));
    b.initializer('B', f32([0.5, 0.5], [2]));
    b.initializer('X0', f32([1, 1], [1, 2]));
    const r = b.op('Relu', [b.op('Add', [b.op('MatMul', ['x', 'W']), 'B'])]);
    // X0 W is constant unless W is differentiated: folding it would lose dLoss/dW
    b.node('ReduceSum', [b.op('Add', [r, b.op('MatMul', ['X0', 'W'])])], { keepdims: 0 }, { outputs: ['loss'] });
    b.node('Gradient', ['W', 'B', 'x'], { xs: ['W', 'B'], zs: ['x'], y: 'loss' }, { outputs: ['dW', 'dB'], domain: 'ai.onnx.preview.training' });
    b.output('dW');
    b.output('dB');
    for (const level of ['disabled', 'all'] as const) {
      const session = await InferenceSession.create(encodeModel(b.model(OPSETS)), { graphOptimizationLevel: level });
      const r2 = await session.run({ x: f32([2, 1], [1, 2]) });
      // relu active on both units: dW = x^T + X0^T (ones), dB = ones
      expect(Array.from((r2.dW as Tensor).data as Float32Array)).toEqual([3, 3, 2, 2]);
      expect(Array.from((r2.dB as Tensor).data as Float32Array)).toEqual([1, 1]);
    }
  });

  it('refuses at session creation a path through an op without a backward rule', async () => {
    const b = new GraphBuilder();
    b.input('a', 'float32', [2]);
    b.node('Softmax', ['a'], {}, { outputs: ['y'], name: 'soft' });
    b.output('y');
    b.node('Gradient', ['a'], { xs: ['a'], y: 'y' }, { outputs: ['da'], domain: 'ai.onnx.preview.training' });
    b.output('da');
    const created = InferenceSession.create(encodeModel(b.model({ '': 17, 'ai.onnx.preview.training': 1 })));
    await expect(created).rejects.toBeInstanceOf(UnsupportedOperatorError);
    await expect(created).rejects.toThrow(/cannot differentiate through node "soft" \(ai\.onnx\.Softmax\)/);
  });
});
