// Whole graphs through InferenceSession with executionProviders [{ name: 'gpu', mode: 'cpu' }]
// (gpu.js CPU mode): a small CNN and a transformer block match the CPU provider, the nodes are
// placed on the GPU provider, tensors cross to the CPU where a node has no GPU kernel, outputs
// come back as host tensors, and no device memory outlives a run.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, type OnnxValue } from '../../src/index.js';
import { Tensor } from '../../data/tensor.js';
import type { GraphOptimizationLevel } from '../../src/session/session-options.js';
import { gpuCpuMode, ints, maxRelError, random } from './gpu-harness.js';

const GPU = [{ name: 'gpu', mode: process.env.ONNX_TS_GPU_TEST_MODE ?? 'cpu' }];
const scalar = (v: number) => new Tensor('float32', Float32Array.from([v]), []);

function smallCnn(): Uint8Array {
  const b = new GraphBuilder('cnn');
  const x = b.input('x', 'float32', [1, 3, 12, 12]);
  const init = (name: string, dims: number[], seed: number, lo = -0.5, hi = 0.5) => b.initializer(name, random(dims, seed, lo, hi));
  let h = b.op('Conv', [x, init('w1', [8, 3, 3, 3], 1), init('b1', [8], 2)], { pads: [1, 1, 1, 1], strides: [2, 2] });
  h = b.op('BatchNormalization', [h, init('s', [8], 3, 0.5, 1.5), init('bb', [8], 4), init('m', [8], 5), init('v', [8], 6, 0.5, 1)]);
  h = b.op('Relu', [h]);
  const skip = h;
  h = b.op('Conv', [h, init('wd', [8, 1, 3, 3], 7), init('bd', [8], 8)], { group: 8, pads: [1, 1, 1, 1] });
  h = b.op('Clip', [h, b.initializer('lo', scalar(0)), b.initializer('hi', scalar(6))]);
  // a node without a GPU kernel in the middle: its input is downloaded, its output uploaded
  const c = b.op('Cos', [h]);
  h = b.op('Mul', [h, c]);
  h = b.op('Conv', [h, init('wp', [8, 8, 1, 1], 9)]);
  h = b.op('Add', [h, skip]);
  h = b.op('Relu', [h]);
  const pooled = b.op('MaxPool', [h], { kernel_shape: [2, 2], strides: [2, 2] });
  h = b.op('GlobalAveragePool', [pooled]);
  h = b.op('Flatten', [h]);
  h = b.op('Gemm', [h, init('wf', [10, 8], 10), init('bf', [10], 11)], { transB: 1 });
  const y = b.op('Softmax', [h], { axis: -1 });
  b.output(y, 'float32');
  b.output(pooled, 'float32');
  return encodeModel(b.model({ '': 13 }));
}

function transformerBlock(): Uint8Array {
  const b = new GraphBuilder('encoder');
  const ids = b.input('ids', 'int64', [1, 6]);
  const init = (name: string, dims: number[], seed: number) => b.initializer(name, random(dims, seed, -0.4, 0.4));
  const shape = (name: string, v: number[]) => b.initializer(name, ints(v));
  const x = b.op('Gather', [init('emb', [20, 16], 1), ids]);
  const proj = (w: string, bias: string, seed: number) => b.op('Add', [b.op('MatMul', [x, init(w, [16, 16], seed)]), init(bias, [16], seed + 1)]);
  const heads = (t: string, perm: number[]) => b.op('Transpose', [b.op('Reshape', [t, shape(`${t}_shape`, [1, 6, 2, 8])])], { perm });
  const q = heads(proj('wq', 'bq', 2), [0, 2, 1, 3]);
  const k = heads(proj('wk', 'bk', 4), [0, 2, 3, 1]);
  const v = heads(proj('wv', 'bv', 6), [0, 2, 1, 3]);
  const scores = b.op('Softmax', [b.op('Div', [b.op('MatMul', [q, k]), b.initializer('scale', scalar(Math.sqrt(8)))])], { axis: -1 });
  let h = b.op('Transpose', [b.op('MatMul', [scores, v])], { perm: [0, 2, 1, 3] });
  h = b.op('Reshape', [h, shape('merge', [1, 6, 16])]);
  h = b.op('Add', [b.op('Add', [b.op('MatMul', [h, init('wo', [16, 16], 8)]), init('bo', [16], 9)]), x]);
  h = b.op('LayerNormalization', [h, init('g1', [16], 10), init('be1', [16], 11)], { axis: -1, epsilon: 1e-5 });
  // feed-forward with GELU written out (Erf), as exporters do
  const f = b.op('Add', [b.op('MatMul', [h, init('w1', [16, 32], 12)]), init('bf1', [32], 13)]);
  const gelu = b.op('Mul', [b.op('Mul', [f, b.op('Add', [b.op('Erf', [b.op('Div', [f, b.initializer('sqrt2', scalar(Math.SQRT2))])]), b.initializer('one', scalar(1))])]), b.initializer('half', scalar(0.5))]);
  h = b.op('Add', [b.op('Add', [b.op('MatMul', [gelu, init('w2', [32, 16], 14)]), init('bf2', [16], 15)]), h]);
  // a LayerNormalization written out, as older exporters do
  const mean = b.op('ReduceMean', [h], { axes: [-1] });
  const d = b.op('Sub', [h, mean]);
  const variance = b.op('ReduceMean', [b.op('Pow', [d, b.initializer('two', scalar(2))])], { axes: [-1] });
  const norm = b.op('Div', [d, b.op('Sqrt', [b.op('Add', [variance, b.initializer('eps', scalar(1e-5))])])]);
  const y = b.op('Add', [b.op('Mul', [norm, init('g2', [16], 16)]), init('be2', [16], 17)]);
  const first = b.op('Squeeze', [b.op('Gather', [y, b.initializer('zero', ints([0], []))], { axis: 1 }), shape('axis0', [0])]);
  const pooled = b.op('Unsqueeze', [b.op('ReduceMean', [y], { axes: [1], keepdims: 0 }), shape('axis1', [1])]);
  const both = b.op('Concat', [b.op('Unsqueeze', [first, shape('axes01', [0, 1])]), pooled], { axis: 1 });
  b.output(y, 'float32');
  b.output(both, 'float32');
  return encodeModel(b.model({ '': 17 }));
}

async function compare(model: Uint8Array, feeds: Record<string, OnnxValue>, level: GraphOptimizationLevel) {
  const gpu = await InferenceSession.create(model, { executionProviders: GPU, graphOptimizationLevel: level });
  const cpu = await InferenceSession.create(model, { executionProviders: ['js'], graphOptimizationLevel: level });
  const [g, c] = [await gpu.run(feeds), await cpu.run(feeds)];
  for (const name of cpu.outputNames) {
    const gt = g[name] as Tensor, ct = c[name] as Tensor;
    expect(gt.location, `${name} is returned on the host`).toBe('cpu');
    expect(gt.dims).toEqual(ct.dims);
    expect(maxRelError(gt, ct), name).toBeLessThan(1e-4);
  }
  return { gpu, placement: gpu.nodePlacement };
}

describe('GPU provider through InferenceSession (gpu.js CPU mode)', () => {
  it.each(['disabled', 'all'] as const)('a small CNN matches the CPU provider (optimization %s)', async (level) => {
    const { placement } = await compare(smallCnn(), { x: random([1, 3, 12, 12], 42) }, level);
    const cpuNodes = placement.filter((p) => p.provider === 'cpu').map((p) => p.opType);
    expect(cpuNodes).toEqual(['Cos']);
    expect(placement.filter((p) => p.provider === 'gpu').length).toBeGreaterThan(level === 'all' ? 6 : 12);
  });

  it.each(['disabled', 'all'] as const)('a transformer block matches the CPU provider (optimization %s)', async (level) => {
    const { placement } = await compare(transformerBlock(), { ids: ints([3, 1, 4, 1, 5, 9], [1, 6]) }, level);
    expect(placement.filter((p) => p.provider === 'cpu')).toEqual([]);
  });

  it('frees the device memory of every run (weights stay resident)', async () => {
    const runtime = (await gpuCpuMode()).runtime!;
    const session = await InferenceSession.create(smallCnn(), { executionProviders: GPU });
    const feeds = { x: random([1, 3, 12, 12], 7) };
    await session.run(feeds);
    const afterFirst = runtime.liveBuffers;
    for (let i = 0; i < 3; i++) await session.run(feeds);
    expect(runtime.liveBuffers).toBe(afterFirst);
  });

  it('compiles kernels once per shape, not per run', async () => {
    const runtime = (await gpuCpuMode()).runtime!;
    const session = await InferenceSession.create(transformerBlock(), { executionProviders: GPU });
    const feeds = { ids: ints([1, 2, 3, 4, 5, 6], [1, 6]) };
    await session.run(feeds);
    const compiled = runtime.compiled;
    await session.run(feeds);
    await session.run({ ids: ints([6, 5, 4, 3, 2, 1], [1, 6]) });
    expect(runtime.compiled).toBe(compiled);
  });
});
