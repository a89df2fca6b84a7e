import { describe, expect, it } from 'vitest';
import { compareNode, maxRelError, random, ints } from '/work/main/test/gpu/gpu-harness.js';
const cases: [string, Parameters<typeof compareNode>[0]][] = [
  ['MatMul', { opType: 'MatMul', inputs: [random([2, 3, 5], 1), random([5, 4], 2)] }],
  ['Gemm', { opType: 'Gemm', inputs: [random([5, 3], 1), random([4, 5], 2), random([4], 3)], attrs: { transA: 1, transB: 1, alpha: 0.5, beta: 2 } }],
  ['Conv', { opType: 'Conv', inputs: [random([1, 4, 7, 6], 1), random([6, 2, 3, 3], 2), random([6], 3)], attrs: { group: 2, pads: [1, 0, 1, 2], strides: [2, 1], dilations: [1, 2] } }],
  ['MaxPool', { opType: 'MaxPool', inputs: [random([1, 2, 7, 7], 1)], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] } }],
  ['AveragePool', { opType: 'AveragePool', inputs: [random([1, 2, 7, 7], 1)], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 } }],
  ['GAP', { opType: 'GlobalAveragePool', inputs: [random([2, 3, 5, 4], 1)] }],
  ['BN', { opType: 'BatchNormalization', inputs: [random([2, 3, 4], 1), random([3], 2), random([3], 3), random([3], 4), random([3], 5, 0.5, 1)] }],
  ['Add', { opType: 'Add', inputs: [random([2, 1, 4], 1), random([3, 1], 2)] }],
  ['Pow', { opType: 'Pow', inputs: [random([5], 1), new (random([1], 1).constructor as any)('float32', Float32Array.from([3]), [1])] }],
  ['Erf', { opType: 'Erf', inputs: [random([50], 1, -3, 3)] }],
  ['Softmax', { opType: 'Softmax', inputs: [random([2, 3, 4], 1)], attrs: { axis: 1 } }],
  ['LN', { opType: 'LayerNormalization', inputs: [random([2, 3, 8], 1), random([8], 2), random([8], 3)] }],
  ['Concat', { opType: 'Concat', inputs: [random([2, 1, 3], 1), random([2, 2, 3], 2), random([2, 3, 3], 3)], attrs: { axis: 1 } }],
  ['Transpose', { opType: 'Transpose', inputs: [random([2, 3, 4], 1)], attrs: { perm: [2, 0, 1] } }],
  ['Gather', { opType: 'Gather', inputs: [random([5, 3], 1), ints([4, -1, 0], [3])], attrs: { axis: 0 } }],
  ['ReduceMean', { opType: 'ReduceMean', inputs: [random([2, 3, 4], 1)], attrs: { axes: [0, 2], keepdims: 0 }, opset: 13 }],
];
describe('smoke', () => {
  for (const [name, s] of cases) it(name, async () => {
    const r = await compareNode(s);
    expect(r.onGpu).toBe(true);
    expect(r.gpu[0].dims).toEqual(r.cpu[0].dims);
    expect(maxRelError(r.gpu[0], r.cpu[0])).toBeLessThan(1e-4);
  });
});
