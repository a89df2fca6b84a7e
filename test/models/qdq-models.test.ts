// scripts/make-quantized-models.ts's QDQ rewrite on small hand-made graphs, and what the
// optimizer makes of it: each Conv and MatMul with a constant weight reads DequantizeLinear'd
// activations and a per-channel int8 weight (int32 bias) and writes a QuantizeLinear'd
// output; fuse-qdq turns each into QLinearConv / QLinearMatMul (the Relu dropped where the
// output's zero point already clamps it), which run on the wasm kernels with the reference's
// exact integer results and stay within a few output steps of the unfused float path.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { Model } from '../../graph/ir.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import { calibrate } from '../../scripts/make-quantized-models.js';
import { quantizePerChannel, quantizeQdq } from '../../scripts/quantize/qdq.js';
import { randomF32, rng } from '../kernels/wasm-reference.js';
import { runBoth } from '../session/wasm-vs-reference.js';

/** x -> Conv 3x3 (bias) -> Relu -> Conv 1x1 (bias) -> Add(residual from the Relu) and a depthwise Conv. */
function smallCnn(): Model {
  const g = new GraphBuilder('cnn');
  const r = rng(21);
  g.input('x', 'float32', [1, 3, 10, 10]);
  g.initializer('w0', new Tensor('float32', randomF32(8 * 3 * 9, r), [8, 3, 3, 3]));
  g.initializer('b0', new Tensor('float32', randomF32(8, r), [8]));
  g.initializer('w1', new Tensor('float32', randomF32(8 * 8, r), [8, 8, 1, 1]));
  g.initializer('b1', new Tensor('float32', randomF32(8, r), [8]));
  g.initializer('w2', new Tensor('float32', randomF32(8 * 9, r), [8, 1, 3, 3]));
  g.node('Conv', ['x', 'w0', 'b0'], { pads: [1, 1, 1, 1] }, { outputs: ['c0'] });
  g.node('Relu', ['c0'], {}, { outputs: ['a0'] });
  g.node('Conv', ['a0', 'w1', 'b1'], {}, { outputs: ['c1'] });
  g.node('Add', ['c1', 'a0'], {}, { outputs: ['y1'] });
  g.node('Conv', ['a0', 'w2'], { group: 8, pads: [1, 1, 1, 1], strides: [2, 2] }, { outputs: ['y2'] });
  g.output('y1', 'float32');
  g.output('y2', 'float32');
  return g.model({ '': 13 });
}

/** x [2, 5, 16] -> MatMul [16, 12] -> Relu -> MatMul [12, 8]. */
function smallMlp(): Model {
  const g = new GraphBuilder('mlp');
  const r = rng(22);
  g.input('x', 'float32', [2, 5, 16]);
  g.initializer('w0', new Tensor('float32', randomF32(16 * 12, r), [16, 12]));
  g.initializer('w1', new Tensor('float32', randomF32(12 * 8, r), [12, 8]));
  g.node('MatMul', ['x', 'w0'], {}, { outputs: ['h'] });
  g.node('Relu', ['h'], {}, { outputs: ['a'] });
  g.node('MatMul', ['a', 'w1'], {}, { outputs: ['y'] });
  g.output('y', 'float32');
  return g.model({ '': 13 });
}

async function qdqOf(make: () => Model, feeds: Record<string, Tensor>): Promise<Model> {
  const model = make();
  quantizeQdq(model, { ranges: await calibrate(encodeModel(make()), feeds) });
  return model;
}

async function run(model: Model, feeds: Record<string, Tensor>, level: 'disabled' | 'all') {
  const s = await InferenceSession.create(encodeModel(model), { executionProviders: ['wasm'], graphOptimizationLevel: level });
  const out = await s.run(feeds);
  const placement = s.nodePlacement;
  await s.release();
  return { out, placement };
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('QDQ int8 models (scripts/quantize/qdq.ts, graph/passes/fuse-qdq.ts)', () => {
  it('quantizes weights per channel, symmetric int8, within half a step', () => {
    const w = Float32Array.from([0.5, -0.25, 1, 0.125, -2, 0.5]); // [2 channels, 3]
    const { values, scales } = quantizePerChannel(w, [2, 3], 0);
    expect(Array.from(scales)).toEqual([Math.fround(1 / 127), Math.fround(2 / 127)]);
    w.forEach((v, i) => expect(Math.abs(values[i] * scales[Math.floor(i / 3)] - v)).toBeLessThanOrEqual(scales[Math.floor(i / 3)] / 2 + 1e-7));
  });

  it('writes the QDQ form: activations through Q -> DQ, after a Relu that alone reads a Conv, weights per channel on axis 0, int32 bias', async () => {
    const x = new Tensor('float32', randomF32(300, rng(23)), [1, 3, 10, 10]);
    const model = await qdqOf(smallCnn, { x });
    const g = model.graph;
    const byOutput = new Map(g.nodes.map((n) => [n.outputs[0], n]));
    // no Q between the first Conv and its Relu: the Relu's output is the quantized one
    expect(byOutput.get('c0_quantized')).toBeUndefined();
    expect(byOutput.get('a0_quantized')?.opType).toBe('QuantizeLinear');
    const wDq = byOutput.get('w1_DequantizeLinear_Output')!;
    expect(wDq.attributes.get('axis')?.value).toBe(0);
    expect(g.initializers.get('w1_quantized')?.type).toBe('int8');
    expect(g.initializers.get('w1_scale')?.dims).toEqual([8]);
    expect(g.initializers.get('b1_quantized')?.type).toBe('int32');
    for (const name of ['w0', 'b0', 'w1', 'b1', 'w2']) expect(g.initializers.has(name), name).toBe(false);
  });

  it('fuses each Conv between QDQ pairs into QLinearConv on the wasm kernels, equal to the reference and near the unfused run', async () => {
    const x = new Tensor('float32', randomF32(300, rng(24)), [1, 3, 10, 10]);
    const model = await qdqOf(smallCnn, { x });
    const fused = await run(model, { x }, 'all');
    const unfused = await run(model, { x }, 'disabled');
    const ops = fused.placement.map((p) => p.opType);
    // the depthwise Conv writes a graph output (the float value its QuantizeLinear reads), so it stays a Conv
    expect(ops.filter((o) => o === 'QLinearConv')).toHaveLength(2);
    expect(ops.filter((o) => o === 'Conv')).toHaveLength(1);
    expect(ops.filter((o) => o === 'Relu')).toHaveLength(0);
    for (const p of fused.placement) expect([p.opType, p.provider, p.fallbackRuns]).toEqual([p.opType, p.opType === 'Flatten' ? 'cpu' : 'wasm', 0]);
    const [wasm, ref] = await runBoth(encodeModel(model), { x });
    for (const name of ['y1', 'y2']) {
      // the float ops between (Add, the unfused Conv) may differ in the last bit; the integer ops are exact (test/session/wasm-qdq.test.ts)
      expect(maxDiff((wasm.out[name] as Tensor).data as Float32Array, (ref.out[name] as Tensor).data as Float32Array)).toBeLessThan(1e-5);
      // the fused integer op rounds once where the float path rounds its float sum: a step or two of each output's scale
      const scale = model.graph.initializers.get(`${name === 'y1' ? 'c1' : 'y2'}_scale`)!.data[0] as number;
      expect(maxDiff((fused.out[name] as Tensor).data as Float32Array, (unfused.out[name] as Tensor).data as Float32Array)).toBeLessThanOrEqual(3 * scale + 1e-6);
    }
  });

  it('fuses MatMul into QLinearMatMul (per-column weight scales) on the wasm kernels, equal to the reference', async () => {
    const x = new Tensor('float32', randomF32(160, rng(25)), [2, 5, 16]);
    const model = await qdqOf(smallMlp, { x });
    expect(model.graph.nodes.find((n) => n.outputs[0] === 'w0_DequantizeLinear_Output')?.attributes.get('axis')?.value).toBe(1);
    const [wasm, ref] = await runBoth(encodeModel(model), { x });
    // the second MatMul writes the graph output, so only the first is fused
    expect(wasm.placement.filter((p) => p.opType === 'QLinearMatMul').map((p) => [p.provider, p.fallbackRuns])).toEqual([['wasm', 0]]);
    expect(maxDiff((wasm.out.y as Tensor).data as Float32Array, (ref.out.y as Tensor).data as Float32Array)).toBeLessThan(1e-5);
    const float = await run(smallMlp(), { x }, 'disabled');
    const want = (float.out.y as Tensor).data as Float32Array;
    const range = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxDiff((wasm.out.y as Tensor).data as Float32Array, want)).toBeLessThan(0.05 * range);
  });

  it('refuses an opset-11 model with an op opset 13 reads differently, naming it', () => {
    const g = new GraphBuilder('old');
    g.input('x', 'float32', [1, 4]);
    g.initializer('w', new Tensor('float32', new Float32Array(16), [4, 4]));
    g.node('MatMul', ['x', 'w'], {}, { outputs: ['h'] });
    g.node('Softmax', ['h'], {}, { outputs: ['y'] });
    g.output('y', 'float32');
    expect(() => quantizeQdq(g.model({ '': 11 }), { ranges: new Map([['x', [0, 1]], ['h', [0, 1]]]) })).toThrow(/Softmax/);
  });
});
