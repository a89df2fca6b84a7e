// FusedAttention on the GPU provider (gpu.js CPU mode) against the CPU kernel: masks that
// broadcast, K as rows or as K^T, a mask widening one-row scores, and a mask that does not fit.
import { describe, expect, it } from 'vitest';
import { type NodeSpec, compareNode, maxRelError, random } from './gpu-harness.js';

const attention = (dims: number[][], kTransposed: number): NodeSpec => ({
  opType: 'FusedAttention', domain: 'onnx-ts', opset: 1,
  inputs: dims.map((d, i) => random(d, i + 1)), attrs: { scale: 0.35, k_transposed: kTransposed },
});

describe('GPU FusedAttention', () => {
  it.each([
    ['no mask, K as rows', [[2, 3, 5, 8], [2, 3, 6, 8], [2, 3, 6, 4]], 0],
    ['a per-batch mask, K^T', [[2, 3, 5, 8], [2, 3, 8, 6], [2, 3, 6, 4], [2, 1, 5, 6]], 1],
    ['K and V shared by the heads, a per-key mask', [[3, 5, 8], [1, 6, 8], [1, 6, 4], [6]], 0],
  ])('%s matches the CPU kernel', async (_what, dims, kTransposed) => {
    const r = await compareNode(attention(dims as number[][], kTransposed as number));
    expect(r.onGpu).toBe(true);
    expect(r.gpu[0].dims).toEqual(r.cpu[0].dims);
    expect(maxRelError(r.gpu[0], r.cpu[0])).toBeLessThan(1e-4);
  });

  it('computes a mask with more query rows than the one-row scores as the CPU kernel does (the query row repeats)', async () => {
    const r = await compareNode(attention([[2, 1, 8], [2, 6, 8], [2, 6, 4], [2, 5, 6]], 0));
    expect(r.cpu[0].dims).toEqual([2, 5, 4]);
    expect(r.gpu[0].dims).toEqual([2, 5, 4]);
    expect(maxRelError(r.gpu[0], r.cpu[0])).toBeLessThan(1e-4);
  });

  it('refuses a mask whose keys do not match, on both', async () => {
    await expect(compareNode(attention([[2, 1, 8], [2, 6, 8], [2, 6, 4], [2, 5, 7]], 0))).rejects.toThrow(/mask/);
  });
});
