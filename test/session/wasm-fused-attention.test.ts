// FusedAttention on the wasm provider: runs on the SIMD GEMM (not the reference fallback) and
// computes what the cpu provider does, across bands of query rows, masks and shared K/V.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue, Tensor } from '../../src/index.js';
import { randomTensorData } from '../passes/pass-harness.js';

const f32 = (dims: number[], seed: number) => new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed), dims);

/** One FusedAttention node, as the optimizer writes it. */
function attentionModel(dims: { q: number[]; k: number[]; v: number[]; mask?: number[] }, kTransposed: boolean): Uint8Array {
  const b = new GraphBuilder();
  const inputs = (['q', 'k', 'v', 'mask'] as const).filter((n) => dims[n]).map((n) => b.input(n, 'float32', dims[n]));
  const [y] = b.node('FusedAttention', inputs, { scale: 0.125, k_transposed: kTransposed ? 1 : 0 }, { domain: 'onnx-ts' });
  b.output(y, 'float32');
  return encodeModel(b.model({ '': 17, 'onnx-ts': 1 }));
}

async function wasmAgainstCpu(model: Uint8Array, feeds: Record<string, OnnxValue>): Promise<void> {
  const [wasm, cpu] = await Promise.all(['wasm', 'js'].map((ep) => InferenceSession.create(model, { executionProviders: [ep] })));
  expect(wasm.nodePlacement.map((p) => p.provider)).toEqual(['wasm']);
  const [w, c] = [await wasm.run(feeds), await cpu.run(feeds)];
  for (const name of cpu.outputNames) expect(compareValues(w[name], c[name], { rtol: 1e-5, atol: 1e-6 }, name)).toBeUndefined();
  await Promise.all([wasm.release(), cpu.release()]);
}

describe('FusedAttention on the wasm provider', () => {
  it('matches the cpu provider over several heads with a full mask, K as rows', async () => {
    const dims = { q: [2, 3, 9, 16], k: [2, 3, 11, 16], v: [2, 3, 11, 5], mask: [2, 1, 9, 11] };
    await wasmAgainstCpu(attentionModel(dims, false), { q: f32(dims.q, 1), k: f32(dims.k, 2), v: f32(dims.v, 3), mask: f32(dims.mask, 4) });
  });

  it('matches over bands of a long sequence with K^T shared by the heads and a per-key mask', async () => {
    // 1000 keys give bands of 65 query rows: three for 150 rows
    const dims = { q: [2, 150, 16], k: [1, 16, 1000], v: [1, 1000, 8], mask: [1, 1000] };
    await wasmAgainstCpu(attentionModel(dims, true), { q: f32(dims.q, 5), k: f32(dims.k, 6), v: f32(dims.v, 7), mask: f32(dims.mask, 8) });
  });

  it('matches without a mask', async () => {
    const dims = { q: [4, 7, 8], k: [4, 8, 7], v: [4, 7, 8] };
    await wasmAgainstCpu(attentionModel(dims, true), { q: f32(dims.q, 9), k: f32(dims.k, 10), v: f32(dims.v, 11) });
  });
});
