// extended level: Conv+BatchNormalization/Add/Mul folding, activation fusion, MatMul+Add
// to Gemm, Transpose folding and collapsing.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { Tensor } from '../../src/index.js';
import { optimizeAndCompare, randomTensorData } from './pass-harness.js';

const f32 = (dims: number[], seed: number) => new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed), dims);
const img = () => ({ x: f32([1, 3, 8, 8], 7) });

function convGraph(): [GraphBuilder, string] {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const y = b.op('Conv', [x, b.initializer('w', f32([4, 3, 3, 3], 1)), b.initializer('bias', f32([4], 2))], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
  return [b, y];
}

describe('fold-conv-batchnorm', () => {
  it('folds BatchNormalization into the Conv', async () => {
    const [b, y] = convGraph();
    const pos = (seed: number) => new Tensor('float32', randomTensorData(4, seed).map((v) => Math.abs(v) + 0.5), [4]);
    const bn = b.op('BatchNormalization', [y, b.initializer('s', f32([4], 3)), b.initializer('b2', f32([4], 4)), b.initializer('m', f32([4], 5)), b.initializer('v', pos(6))]);
    b.output(bn, 'float32', [1, 4, 8, 8]);
    expect(await optimizeAndCompare(b, img(), 'extended')).toEqual(['Conv']);
  });
});

describe('fold-conv-add-mul', () => {
  it('folds a per-channel Mul and Add into weights and bias', async () => {
    const [b, y] = convGraph();
    const m = b.op('Mul', [y, b.initializer('scale', f32([4, 1, 1], 8))]);
    b.output(b.op('Add', [m, b.initializer('shift', f32([1, 4, 1, 1], 9))]), 'float32', [1, 4, 8, 8]);
    expect(await optimizeAndCompare(b, img(), 'extended')).toEqual(['Conv']);
  });
});

describe('fuse-activation', () => {
  it('fuses Conv+Relu into FusedConv', async () => {
    const [b, y] = convGraph();
    b.output(b.op('Relu', [y]), 'float32', [1, 4, 8, 8]);
    expect(await optimizeAndCompare(b, img(), 'extended')).toEqual(['FusedConv']);
  });

  it('fuses Conv+Clip(0, 6) (Relu6) and SiLU x*Sigmoid(x)', async () => {
    const [b, y] = convGraph();
    const clip = b.op('Clip', [y, b.initializer('lo', new Tensor('float32', [0], [])), b.initializer('hi', new Tensor('float32', [6], []))]);
    const c2 = b.op('Conv', [clip, b.initializer('w2', f32([4, 4, 1, 1], 11))]);
    b.output(b.op('Mul', [c2, b.op('Sigmoid', [c2])]), 'float32', [1, 4, 8, 8]);
    expect(await optimizeAndCompare(b, img(), 'extended')).toEqual(['FusedConv', 'FusedConv']);
  });
});

describe('fuse-conv-add', () => {
  it('fuses a residual Conv → Add → Relu into one FusedConv', async () => {
    const [b, y] = convGraph();
    const skip = b.op('Relu', [b.op('Conv', [b.input('x2', 'float32', [1, 3, 8, 8]), b.initializer('w3', f32([4, 3, 1, 1], 12))])]);
    b.output(b.op('Relu', [b.op('Add', [y, skip])]), 'float32', [1, 4, 8, 8]);
    expect(await optimizeAndCompare(b, { ...img(), x2: f32([1, 3, 8, 8], 13) }, 'extended')).toEqual(['FusedConv', 'FusedConv']);
  });
});

describe('fuse-matmul-add', () => {
  it('turns 2-D MatMul+Add into Gemm and 3-D into FusedMatMul with bias', async () => {
    const b = new GraphBuilder();
    const a2 = b.input('a2', 'float32', [4, 5]);
    const a3 = b.input('a3', 'float32', [2, 4, 5]);
    const w = b.initializer('w', f32([5, 6], 1));
    const bias = b.initializer('bias', f32([6], 2));
    b.output(b.op('Add', [b.op('MatMul', [a2, w]), bias]), 'float32', [4, 6]);
    b.output(b.op('Relu', [b.op('Add', [bias, b.op('MatMul', [a3, w])])]), 'float32', [2, 4, 6]);
    const ops = await optimizeAndCompare(b, { a2: f32([4, 5], 3), a3: f32([2, 4, 5], 4) }, 'extended');
    expect(ops.sort()).toEqual(['FusedMatMul', 'Gemm']);
  });
});

describe('transpose folding', () => {
  it('folds a Transpose into Gemm.transB and composes Transpose pairs', async () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', [4, 5]);
    const bt = b.input('bt', 'float32', [6, 5]);
    b.output(b.op('Gemm', [a, b.op('Transpose', [bt], { perm: [1, 0] })]), 'float32', [4, 6]);
    const x = b.input('x', 'float32', [2, 3, 4]);
    const t1 = b.op('Transpose', [x], { perm: [1, 0, 2] });
    b.output(b.op('Transpose', [t1], { perm: [0, 2, 1] }), 'float32', [3, 4, 2]);
    const ops = await optimizeAndCompare(b, { a: f32([4, 5], 1), bt: f32([6, 5], 2), x: f32([2, 3, 4], 3) }, 'extended');
    expect(ops.sort()).toEqual(['Gemm', 'Transpose']);
  });
});

describe('pattern recognition', () => {
  it('recognizes GELU written with Erf, in both multiplication orders', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 8]);
    const s = (name: string, v: number) => b.initializer(name, new Tensor('float32', [v], []));
    const erf = b.op('Erf', [b.op('Div', [x, s('sqrt2', Math.SQRT2)])]);
    const onePlus = b.op('Add', [erf, s('one', 1)]);
    b.output(b.op('Mul', [b.op('Mul', [x, onePlus]), s('half', 0.5)]), 'float32', [2, 8]);
    const erf2 = b.op('Erf', [b.op('Mul', [x, s('rsqrt2', Math.SQRT1_2)])]);
    b.output(b.op('Mul', [b.op('Mul', [x, s('half2', 0.5)]), b.op('Add', [s('one2', 1), erf2])]), 'float32', [2, 8]);
    expect(await optimizeAndCompare(b, { x: f32([2, 8], 3) }, 'extended', { '': 13 })).toEqual(['Gelu', 'Gelu']);
  });

  it("recognizes GPT-2's tanh GELU (gelu_new), in both multiplication orders", async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 8]);
    const s = (name: string, v: number) => b.initializer(name, new Tensor('float32', [v], []));
    const inner = (k: string) => b.op('Tanh', [b.op('Mul', [b.op('Add', [x, b.op('Mul', [b.op('Pow', [x, s(`three${k}`, 3)]), s(`c${k}`, 0.044715)])]), s(`k${k}`, Math.sqrt(2 / Math.PI))])]);
    b.output(b.op('Mul', [b.op('Mul', [x, s('half', 0.5)]), b.op('Add', [inner('a'), s('one', 1)])]), 'float32', [2, 8]);
    b.output(b.op('Mul', [b.op('Mul', [x, b.op('Add', [s('one2', 1), inner('b')])]), s('half2', 0.5)]), 'float32', [2, 8]);
    expect(await optimizeAndCompare(b, { x: f32([2, 8], 3) }, 'extended', { '': 13 })).toEqual(['Gelu', 'Gelu']);
  });

  it('recognizes LayerNormalization written with ReduceMean/Sub/Pow/Sqrt/Div', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 8]);
    const mean = b.op('ReduceMean', [x], { axes: [-1] });
    const d = b.op('Sub', [x, mean]);
    const v = b.op('ReduceMean', [b.op('Pow', [d, b.initializer('two', new Tensor('float32', [2], []))])], { axes: [-1] });
    const std = b.op('Sqrt', [b.op('Add', [v, b.initializer('eps', new Tensor('float32', [1e-5], []))])]);
    const y = b.op('Add', [b.op('Mul', [b.op('Div', [d, std]), b.initializer('gamma', f32([8], 1))]), b.initializer('beta', f32([8], 2))]);
    b.output(y, 'float32', [2, 3, 8]);
    expect(await optimizeAndCompare(b, { x: f32([2, 3, 8], 4) }, 'extended', { '': 13 })).toEqual(['LayerNormalization']);
  });
});
