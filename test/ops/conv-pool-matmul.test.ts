// Cases of the convolution, pooling and matrix-multiply ops that the ONNX suite leaves out.
import { describe, expect, it } from 'vitest';
import type { Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { Tensor } from '../../data/tensor.js';
import { runOp, tensor, values } from './op-harness.js';

const iota = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('MaxRoiPool', () => {
  it('splits each scaled box into pooled_shape bins and takes their maxima', async () => {
    const x = tensor('float32', iota(16), [1, 1, 4, 4]);
    const rois = tensor('float32', [0, 0, 0, 3, 3, 0, 2, 2, 6, 6], [2, 5]);
    const [y] = await runOp('MaxRoiPool', [x, rois], { pooled_shape: [2, 2], spatial_scale: 0.5 });
    expect(y.dims).toEqual([2, 1, 2, 2]);
    // box 0 scales to (0,0)-(2,2) (1.5 rounds away from zero): bins rows/cols [0,2) and [1,3)
    // box 1 scales to (1,1)-(3,3): bins rows/cols [1,3) and [2,4)
    expect(values(y)).toEqual([5, 6, 9, 10, 10, 11, 14, 15]);
  });
});

/** MaxPool-12 with both outputs requested (the harness asks for one). */
async function maxPoolWithIndices(x: Tensor, storageOrder: number): Promise<Tensor[]> {
  const node: Node = {
    name: 'n', opType: 'MaxPool', domain: '', inputs: ['x'], outputs: ['y', 'i'],
    attributes: new Map([['kernel_shape', { type: 'ints', value: [2, 2] }], ['storage_order', { type: 'int', value: storageOrder }]]),
  };
  const kernel = referenceOps.resolve('', 'MaxPool', 12)!.create({
    node, opset: 12, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); },
  });
  return (await kernel([x], { scope: { get: () => undefined, has: () => false } })) as Tensor[];
}

describe('MaxPool', () => {
  it('reports column-major indices with storage_order=1', async () => {
    const x = tensor('float32', [1, 9, 3, 4, 2, 8, 7, 5, 6, 0, 11, 10], [1, 1, 3, 4]);
    const [y, indices] = await maxPoolWithIndices(x, 1);
    expect(values(y)).toEqual([9, 9, 7, 8, 11, 11]);
    // maxima at (row, col) (0,1) (0,1) (1,2) (1,1) (2,2) (2,2); column major: row + col * 3
    expect(values(indices)).toEqual([3n, 3n, 7n, 4n, 8n, 8n]);
    const [, rowMajor] = await maxPoolWithIndices(x, 0);
    expect(values(rowMajor)).toEqual([1n, 1n, 6n, 5n, 10n, 10n]);
  });

  it('skips NaNs unless a window holds nothing else', async () => {
    const x = tensor('float32', [NaN, 1, NaN, NaN], [1, 1, 4]);
    const [y] = await runOp('MaxPool', [x], { kernel_shape: [2] });
    expect(values(y)).toEqual([1, 1, NaN]);
  });

  it('keeps int8 values', async () => {
    const x = tensor('int8', [-5, -3, -128, 127], [1, 1, 2, 2]);
    const [y] = await runOp('MaxPool', [x], { kernel_shape: [1, 2] });
    expect(y.type).toBe('int8');
    expect(values(y)).toEqual([-3, 127]);
  });
});

describe('LpPool and GlobalLpPool', () => {
  it('take an arbitrary p', async () => {
    const x = tensor('float32', [1, -2, 2, 0], [1, 1, 4]);
    const [y] = await runOp('LpPool', [x], { kernel_shape: [2], strides: [2], p: 3 });
    expect(values(y)[0]).toBeCloseTo(9 ** (1 / 3), 5);
    expect(values(y)[1]).toBeCloseTo(2, 5);
    const [g] = await runOp('GlobalLpPool', [x], { p: 1 }, 2);
    expect(values(g)).toEqual([5]);
    expect(g.dims).toEqual([1, 1, 1]);
  });
});

describe('Gemm', () => {
  it('broadcasts C in the legacy versions and multiplies integers exactly', async () => {
    const a = tensor('int64', [1n, 2n, 3n, 4n], [2, 2]), b = tensor('int64', [5n, 6n, 7n, 8n], [2, 2]);
    const c = tensor('int64', [100n, 200n], [2]);
    const [y] = await runOp('Gemm', [a, b, c], { broadcast: 1, transB: 1 }, 6);
    // A * B^T = [[17, 23], [39, 53]]
    expect(values(y)).toEqual([117n, 223n, 139n, 253n]);
  });

  it('adds a per-row C of shape [M, 1] even when M equals N', async () => {
    const a = tensor('float32', [1, 0, 0, 1], [2, 2]), b = tensor('float32', [1, 2, 3, 4], [2, 2]);
    const c = tensor('float32', [10, 20], [2, 1]);
    const [y] = await runOp('Gemm', [a, b, c], { beta: 0.5 });
    expect(values(y)).toEqual([6, 7, 13, 14]);
  });

  it('treats an omitted C as zero', async () => {
    const a = tensor('float64', [1, 2], [1, 2]), b = tensor('float64', [3, 4], [2, 1]);
    const [y] = await runOp('Gemm', [a, b, undefined], { alpha: 2 });
    expect(values(y)).toEqual([22]);
  });
});

describe('MatMul', () => {
  it('promotes 1-D operands and broadcasts batch axes', async () => {
    const a = tensor('float32', iota(6), [2, 1, 1, 3]);
    const b = tensor('float32', iota(12), [2, 3, 2]);
    const [y] = await runOp('MatMul', [a, b]);
    expect(y.dims).toEqual([2, 2, 1, 2]);
    const [v] = await runOp('MatMul', [tensor('float32', [1, 2, 3], [3]), b]);
    expect(v.dims).toEqual([2, 2]);
    expect(values(v)).toEqual([16, 22, 52, 58]);
  });

  it('wraps int32 and uint32 products like C', async () => {
    const [y] = await runOp('MatMul', [tensor('int32', [2 ** 30, 2 ** 30], [1, 2]), tensor('int32', [4, 5], [2, 1])]);
    expect(values(y)).toEqual([2 ** 30]);
    const [u] = await runOp('MatMul', [tensor('uint32', [2 ** 31, 1], [1, 2]), tensor('uint32', [3, 7], [2, 1])]);
    expect(values(u)).toEqual([2 ** 31 + 7]);
  });

  it('rejects mismatched inner dimensions', async () => {
    await expect(runOp('MatMul', [tensor('float32', iota(6), [2, 3]), tensor('float32', iota(4), [2, 2])])).rejects.toThrow(/must match/);
  });
});

describe('ConvTranspose', () => {
  it('accepts output_shape written as the full N x C x ... shape', async () => {
    const x = tensor('float32', [1, 2, 3], [1, 1, 3]), w = tensor('float32', [1, 1], [1, 1, 2]);
    const [a] = await runOp('ConvTranspose', [x, w], { strides: [2], output_shape: [1, 1, 6] });
    const [b] = await runOp('ConvTranspose', [x, w], { strides: [2], output_shape: [6] });
    expect(values(a)).toEqual(values(b));
    expect(values(a)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe('Conv', () => {
  it('rejects a kernel_shape that disagrees with W', async () => {
    const x = tensor('float32', iota(16), [1, 1, 4, 4]), w = tensor('float32', iota(9), [1, 1, 3, 3]);
    await expect(runOp('Conv', [x, w], { kernel_shape: [2, 2] })).rejects.toThrow(/kernel_shape/);
  });
});
