// Every GPU kernel, run through gpu.js's CPU mode (the same generated kernel source a GPU
// compiles), against the CPU provider's reference op on random shapes and attributes.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../data/tensor.js';
import { type NodeSpec, compareNode, ints, maxRelError, random } from './gpu-harness.js';

const f32 = (values: number[], dims = [values.length]) => new Tensor('float32', Float32Array.from(values), dims);

async function expectSame(s: NodeSpec, tol = 1e-4): Promise<void> {
  const r = await compareNode(s);
  expect(r.onGpu, `${s.opType} should run on the GPU path`).toBe(true);
  expect(r.gpu.length).toBe(r.cpu.length);
  r.gpu.forEach((g, i) => {
    expect(g.location).toBe('cpu');
    expect(g.dims).toEqual(r.cpu[i].dims);
    expect(maxRelError(g, r.cpu[i]), `${s.opType} output ${i}`).toBeLessThan(tol);
  });
}

describe('GPU MatMul / Gemm', () => {
  it.each([
    [[3, 5], [5, 4]],
    [[2, 3, 7], [7, 6]],
    [[2, 1, 4, 5], [3, 5, 2]],
    [[5], [5, 3]],
    [[4, 6], [6]],
    [[1, 9], [9, 33]],
  ])('MatMul %j x %j', async (a, b) => {
    await expectSame({ opType: 'MatMul', inputs: [random(a, 1), random(b, 2)] });
  });

  it.each([
    [0, 0, 1, 1, [4]],
    [1, 0, 0.5, 2, [3, 4]],
    [0, 1, 1.5, 0.25, [1, 4]],
    [1, 1, 1, 1, [3, 1]],
    [0, 0, 2, 0, [4]],
  ])('Gemm transA %i transB %i alpha %f beta %f C %j', async (transA, transB, alpha, beta, cDims) => {
    const a = transA ? random([5, 3], 1) : random([3, 5], 1);
    const b = transB ? random([4, 5], 2) : random([5, 4], 2);
    await expectSame({ opType: 'Gemm', inputs: [a, b, random(cDims as number[], 3)], attrs: { transA, transB, alpha, beta }, constants: [1, 2] });
  });

  it('Gemm without C', async () => {
    await expectSame({ opType: 'Gemm', inputs: [random([2, 7], 1), random([7, 3], 2)] });
  });

  it.each(['Relu', 'Sigmoid', 'Tanh', 'HardSwish', 'Silu'])('FusedMatMul with bias and %s', async (act) => {
    await expectSame({
      opType: 'FusedMatMul', domain: 'onnx-ts', opset: 1,
      inputs: [random([2, 3, 6], 1, -3, 3), random([6, 5], 2), random([5], 3)], attrs: { activation: act },
    });
  });

  it('FusedGemm with Clip and LeakyRelu', async () => {
    await expectSame({ opType: 'FusedGemm', domain: 'onnx-ts', opset: 1, inputs: [random([3, 4], 1, -2, 2), random([4, 5], 2), random([5], 3)], attrs: { activation: 'Clip', activation_params: [-0.5, 0.75] } });
    await expectSame({ opType: 'FusedGemm', domain: 'onnx-ts', opset: 1, inputs: [random([3, 4], 1, -2, 2), random([5, 4], 2)], attrs: { transB: 1, activation: 'LeakyRelu', activation_params: [0.2] } });
  });
});

describe('GPU Conv', () => {
  it.each([
    ['plain 3x3', [1, 3, 6, 5], [4, 3, 3, 3], {}],
    ['pads, strides, dilations', [2, 4, 7, 6], [6, 2, 3, 3], { group: 2, pads: [1, 0, 1, 2], strides: [2, 1], dilations: [1, 2] }],
    ['depthwise', [1, 5, 6, 6], [5, 1, 3, 3], { group: 5, pads: [1, 1, 1, 1], strides: [2, 2] }],
    ['pointwise', [1, 8, 4, 3], [3, 8, 1, 1], {}],
    ['SAME_UPPER', [1, 2, 5, 5], [2, 2, 2, 2], { auto_pad: 'SAME_UPPER', strides: [2, 2] }],
    ['1-D', [2, 3, 9], [4, 3, 3], { pads: [2, 1], strides: [2] }],
    ['3-D', [1, 2, 4, 4, 3], [3, 2, 2, 3, 2], { pads: [0, 1, 0, 0, 1, 1] }],
  ])('%s', async (_name, x, w, attrs) => {
    const m = (w as number[])[0];
    await expectSame({ opType: 'Conv', inputs: [random(x as number[], 1), random(w as number[], 2), random([m], 3)], attrs: attrs as Record<string, number[]>, constants: [1, 2] });
  });

  it('Conv without bias', async () => {
    await expectSame({ opType: 'Conv', inputs: [random([1, 2, 5, 4], 1), random([3, 2, 2, 2], 2)] });
  });

  it.each(['Relu', 'Clip', 'HardSigmoid', 'Silu'])('FusedConv with %s and a residual sum', async (act) => {
    const params = act === 'Clip' ? [0, 6] : act === 'HardSigmoid' ? [0.3, 0.4] : [];
    await expectSame({
      opType: 'FusedConv', domain: 'onnx-ts', opset: 1,
      inputs: [random([1, 4, 5, 5], 1, -2, 2), random([6, 2, 3, 3], 2), random([6], 3), random([1, 6, 5, 5], 4)],
      attrs: { group: 2, pads: [1, 1, 1, 1], activation: act, activation_params: params },
    });
  });
});

describe('GPU pools and normalization', () => {
  it.each([
    ['MaxPool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['MaxPool', { kernel_shape: [2, 3], ceil_mode: 1, strides: [2, 2] }],
    ['MaxPool', { kernel_shape: [2, 2], dilations: [2, 1] }],
    ['AveragePool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['AveragePool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }],
    ['AveragePool', { kernel_shape: [3, 2], ceil_mode: 1, strides: [2, 2], count_include_pad: 1 }],
  ])('%s %j', async (op, attrs) => {
    await expectSame({ opType: op, inputs: [random([2, 3, 7, 6], 4)], attrs, opset: 19 });
  });

  it.each(['GlobalAveragePool', 'GlobalMaxPool'])('%s', async (op) => {
    await expectSame({ opType: op, inputs: [random([2, 3, 5, 4], 5)] });
  });

  it('BatchNormalization (inference)', async () => {
    await expectSame({ opType: 'BatchNormalization', inputs: [random([2, 3, 4, 2], 1), random([3], 2), random([3], 3), random([3], 4), random([3], 5, 0.5, 1.5)], attrs: { epsilon: 1e-3 }, opset: 15 });
  });

  it.each([
    [13, [2, 3, 4], 1], [13, [2, 3, 4], -1], [11, [2, 3, 4], 1], [13, [5], 0],
  ])('Softmax and LogSoftmax opset %i %j axis %i', async (opset, dims, axis) => {
    await expectSame({ opType: 'Softmax', inputs: [random(dims as number[], 6, -4, 4)], attrs: { axis }, opset });
    await expectSame({ opType: 'LogSoftmax', inputs: [random(dims as number[], 7, -4, 4)], attrs: { axis }, opset });
  });

  it.each([[-1, true], [1, true], [-1, false]])('LayerNormalization axis %i bias %s', async (axis, bias) => {
    const x = random([2, 3, 8], 1, -2, 2);
    const norm = axis === -1 ? [8] : [3, 8];
    await expectSame({ opType: 'LayerNormalization', inputs: [x, random(norm, 2), bias ? random(norm, 3) : undefined], attrs: { axis, epsilon: 1e-5 } });
  });

  it('the fused-domain LayerNormalization', async () => {
    await expectSame({ opType: 'LayerNormalization', domain: 'onnx-ts', opset: 1, inputs: [random([4, 16], 1), random([16], 2), random([16], 3)], attrs: { axis: -1, epsilon: 1e-5 } });
  });
});

describe('GPU element-wise ops', () => {
  it.each(['Add', 'Sub', 'Mul', 'Div'])('%s with broadcasting', async (op) => {
    await expectSame({ opType: op, inputs: [random([2, 1, 4], 1), random([3, 1], 2, 0.5, 2)] });
    await expectSame({ opType: op, inputs: [random([3, 4], 3), random([1], 4, 0.5, 2)] });
    await expectSame({ opType: op, inputs: [random([3, 4], 5), random([3, 4], 6, 0.5, 2)] });
  });

  it('Pow with negative bases and integer, fractional and squared exponents', async () => {
    const base = f32([-2, -1.5, -0.5, 0, 0.5, 1.5, 2, 3], [8]);
    await expectSame({ opType: 'Pow', inputs: [base, f32([2])] });
    await expectSame({ opType: 'Pow', inputs: [base, f32([3])] });
    await expectSame({ opType: 'Pow', inputs: [base.reshape([2, 4]), f32([0, 1, -1, 2], [4])] });
    await expectSame({ opType: 'Pow', inputs: [f32([0.5, 1, 2, 4]), f32([0.5])] });
  });

  it.each([
    ['Relu', {}], ['Sigmoid', {}], ['Tanh', {}], ['Erf', {}], ['Exp', {}], ['Abs', {}], ['Neg', {}],
    ['HardSwish', {}], ['Softplus', {}], ['LeakyRelu', { alpha: 0.3 }], ['HardSigmoid', { alpha: 0.3, beta: 0.6 }],
    ['Elu', { alpha: 0.7 }], ['Gelu', {}], ['Gelu', { approximate: 'tanh' }],
  ])('%s %j', async (op, attrs) => {
    await expectSame({ opType: op, inputs: [random([3, 17], 8, -6, 6)], attrs: attrs as Record<string, number>, opset: 20 });
  });

  it('Sigmoid and Tanh stay finite far from 0', async () => {
    const x = f32([-100, -30, -5, 0, 5, 30, 100]);
    await expectSame({ opType: 'Sigmoid', inputs: [x] });
    await expectSame({ opType: 'Tanh', inputs: [x] });
  });

  it.each(['Sqrt', 'Log', 'Reciprocal'])('%s on positive values', async (op) => {
    await expectSame({ opType: op, inputs: [random([4, 5], 9, 0.1, 4)] });
  });

  it('Clip with input bounds (opset 13), attribute bounds (opset 6) and no bounds', async () => {
    await expectSame({ opType: 'Clip', inputs: [random([20], 1, -3, 3), f32([-1], []), f32([0.5], [])], opset: 13 });
    await expectSame({ opType: 'Clip', inputs: [random([20], 2, -3, 3), undefined, f32([0.5], [])], opset: 13 });
    await expectSame({ opType: 'Clip', inputs: [random([20], 3, -3, 3)], attrs: { min: -0.25, max: 2 }, opset: 6 });
    await expectSame({ opType: 'Clip', inputs: [f32([-Infinity, -1, 1, Infinity])], opset: 13 });
  });
});

describe('GPU data movement and reductions', () => {
  it.each([[0], [1], [2], [-1]])('Concat axis %i', async (axis) => {
    const dims = (n: number) => [2, 3, 4].map((d, i) => (i === (axis + 3) % 3 ? n : d));
    await expectSame({ opType: 'Concat', inputs: [random(dims(1), 1), random(dims(2), 2), random(dims(3), 3)], attrs: { axis } });
  });

  it('Concat of more inputs than one kernel binds', async () => {
    await expectSame({ opType: 'Concat', inputs: Array.from({ length: 13 }, (_, i) => random([2, i % 3 + 1], i + 1)), attrs: { axis: 1 } });
  });

  it.each([[[2, 0, 1]], [[0, 2, 1]], [undefined]])('Transpose perm %j', async (perm) => {
    await expectSame({ opType: 'Transpose', inputs: [random([2, 3, 4], 1)], attrs: perm ? { perm } : {} });
  });

  it('Transpose of 4-D attention heads', async () => {
    await expectSame({ opType: 'Transpose', inputs: [random([2, 5, 3, 4], 1)], attrs: { perm: [0, 2, 1, 3] } });
  });

  it.each([
    [0, [4, -1, 0], [3]], [1, [2, 0, 1, 2], [2, 2]], [0, [3], []], [-1, [1, 0], [2]],
  ])('Gather axis %i indices %j', async (axis, idx, idxDims) => {
    await expectSame({ opType: 'Gather', inputs: [random([5, 3, 4], 1), ints(idx as number[], idxDims as number[])], attrs: { axis } });
  });

  it.each([
    [13, [0, 2], 0], [13, [1], 1], [13, [-1], 1], [13, undefined, 0], [18, [1, 2], 1],
  ])('ReduceMean opset %i axes %j keepdims %i', async (opset, axes, keepdims) => {
    const x = random([2, 3, 4], 1);
    if (opset >= 18) await expectSame({ opType: 'ReduceMean', inputs: [x, ints(axes as number[])], attrs: { keepdims }, opset });
    else await expectSame({ opType: 'ReduceMean', inputs: [x], attrs: { ...(axes ? { axes: axes as number[] } : {}), keepdims }, opset });
  });
});

describe('GPU path declines what it does not cover', () => {
  it('runs float64 inputs on the CPU kernel', async () => {
    const x = new Tensor('float64', Float64Array.from([1, -2, 3]), [3]);
    const r = await compareNode({ opType: 'Relu', inputs: [x] });
    expect(r.onGpu).toBe(false);
    expect(Array.from(r.gpu[0].data as Float64Array)).toEqual([1, 0, 3]);
  });

  it('reports the CPU kernel\'s shape errors', async () => {
    await expect(compareNode({ opType: 'Add', inputs: [random([2, 3], 1), random([4], 2)] })).rejects.toThrow(/broadcast/);
  });
});
