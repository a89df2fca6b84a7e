// fuse-attention: Softmax(Q·K^T·scale [+ mask])·V becomes one onnx-ts.FusedAttention, and
// only where the rewrite cannot change what the graph computes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { loadModel } from '../../graph/load-model.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue, Tensor } from '../../src/index.js';
import { randomTensorData } from './pass-harness.js';

const f32 = (dims: number[], seed: number) => new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed), dims);
const scalar = (v: number, dims: number[] = []) => new Tensor('float32', [v], dims);
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

/** Optimizes at level all, asserts outputs equal level disabled's, and returns the op types left. */
async function fuseAndCompare(b: GraphBuilder, feeds: Record<string, OnnxValue>, opset = 17, executionProviders = ['wasm']): Promise<string[]> {
  const bytes = encodeModel(b.model({ '': opset }));
  const plain = await InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled', executionProviders });
  const optimized = await InferenceSession.create(bytes, { graphOptimizationLevel: 'all', executionProviders });
  const [expected, actual] = [await plain.run(feeds), await optimized.run(feeds)];
  for (const name of plain.outputNames) expect(compareValues(actual[name], expected[name], TOLERANCE, name)).toBeUndefined();
  return optimized.nodePlacement.map((p) => p.opType);
}

interface AttentionGraph { b: GraphBuilder; scores: string; probs: string; feeds: Record<string, OnnxValue> }

/**
 * Multi-head attention on [batch, heads, seq, d] inputs as exporters write it: K transposed
 * by a Transpose, scores divided by sqrt(d), a mask added, Softmax over the keys.
 */
function attentionGraph(opts: { kHeads?: number; scale?: string; axis?: number } = {}): AttentionGraph {
  const [batch, heads, qLen, kvLen, d, dv] = [2, 3, 5, 7, 8, 4];
  const kHeads = opts.kHeads ?? heads;
  const b = new GraphBuilder();
  const q = b.input('q', 'float32', [batch, heads, qLen, d]);
  const k = b.input('k', 'float32', [batch, kHeads, kvLen, d]);
  const v = b.input('v', 'float32', [batch, heads, kvLen, dv]);
  const mask = b.input('mask', 'float32', [batch, 1, qLen, kvLen]);
  const kt = b.op('Transpose', [k], { perm: [0, 1, 3, 2] });
  const scores = b.op('MatMul', [q, kt]);
  const scaled = b.op('Div', [scores, opts.scale ?? b.initializer('sqrt_d', scalar(Math.sqrt(d)))]);
  const probs = b.op('Softmax', [b.op('Add', [scaled, mask])], { axis: opts.axis ?? -1 });
  b.output(b.op('MatMul', [probs, v]), 'float32', [batch, heads, qLen, dv]);
  // large negatives where a key is masked out, as exporters encode a boolean mask
  const maskData = f32([batch, 1, qLen, kvLen], 4);
  const m = maskData.data as Float32Array;
  m.forEach((x, i) => { if (x > 0.6) m[i] = -1e9; });
  const feeds = { q: f32([batch, heads, qLen, d], 1), k: f32([batch, kHeads, kvLen, d], 2), v: f32([batch, heads, kvLen, dv], 3), mask: maskData };
  return { b, scores, probs, feeds };
}

describe('fuse-attention', () => {
  it('fuses Transpose → MatMul → Div → Add(mask) → Softmax → MatMul over several heads', async () => {
    const { b, feeds } = attentionGraph();
    expect(await fuseAndCompare(b, feeds)).toEqual(['FusedAttention']);
  });

  it('fuses a mask whose shape is not known until run time, and computes every shape the chain takes', async () => {
    const b = new GraphBuilder();
    const q = b.input('q', 'float32', [2, 3, 1, 8]), k = b.input('k', 'float32', [2, 3, 7, 8]), v = b.input('v', 'float32', [2, 3, 7, 4]);
    const mask = b.input('mask', 'float32');
    const scores = b.op('MatMul', [q, b.op('Transpose', [k], { perm: [0, 1, 3, 2] })]);
    b.output(b.op('MatMul', [b.op('Softmax', [b.op('Add', [scores, mask])], { axis: -1 }), v]), 'float32');
    const qkv = { q: f32([2, 3, 1, 8], 1), k: f32([2, 3, 7, 8], 2), v: f32([2, 3, 7, 4], 3) };
    // a decoder step's mask [batch, 1, 1, keys]; one over every head and key; and one with five
    // query rows, which widens the one-row scores to five (the query row repeats)
    for (const providers of [['wasm'], ['js']]) {
      for (const dims of [[2, 1, 1, 7], [1], [2, 1, 5, 7]]) {
        expect(await fuseAndCompare(b, { ...qkv, mask: f32(dims, 4) }, 17, providers), `${providers}: mask [${dims}]`).toEqual(['FusedAttention']);
      }
    }
    const fused = await InferenceSession.create(encodeModel(b.model({ '': 17 })));
    await expect(fused.run({ ...qkv, mask: f32([2, 1, 1, 6], 4) })).rejects.toThrow(/does not broadcast/);
  });

  it('fuses with K shared by every head (MatMul broadcasting of the leading axes)', async () => {
    const { b, feeds } = attentionGraph({ kHeads: 1 });
    expect(await fuseAndCompare(b, feeds)).toEqual(['FusedAttention']);
  });

  it('fuses the exporter form: the scale on Q and K^T from a reshape/transpose chain, no mask', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [6, 1, 16]);
    // [seq, batch, heads * d] → [heads, seq, d] for Q and V, [heads, d, seq] for K^T
    const heads = b.op('Reshape', [x, b.initializer('to_heads', new Tensor('int64', [6n, 2n, 8n], [3]))]);
    const qh = b.op('Div', [b.op('Transpose', [heads], { perm: [1, 0, 2] }), b.initializer('eight', scalar(8))]);
    const kt = b.op('Transpose', [b.op('Relu', [heads])], { perm: [1, 2, 0] });
    const vh = b.op('Transpose', [b.op('Neg', [heads])], { perm: [1, 0, 2] });
    b.output(b.op('MatMul', [b.op('Softmax', [b.op('MatMul', [qh, kt])], { axis: -1 }), vh]), 'float32', [2, 6, 8]);
    const ops = await fuseAndCompare(b, { x: f32([6, 1, 16], 5) });
    expect(ops.filter((o) => o === 'FusedAttention' || o === 'Softmax' || o === 'MatMul' || o === 'Div')).toEqual(['FusedAttention']);
  });

  it('fuses a 2-D Softmax at opset 11, whose default axis 1 is the last', async () => {
    const b = new GraphBuilder();
    const q = b.input('q', 'float32', [4, 8]), kt = b.input('kt', 'float32', [8, 6]), v = b.input('v', 'float32', [6, 3]);
    const scaled = b.op('Mul', [b.initializer('s', scalar(0.3, [1])), b.op('MatMul', [q, kt])]);
    b.output(b.op('MatMul', [b.op('Softmax', [scaled]), v]), 'float32', [4, 3]);
    expect(await fuseAndCompare(b, { q: f32([4, 8], 1), kt: f32([8, 6], 2), v: f32([6, 3], 3) }, 11)).toEqual(['FusedAttention']);
  });

  it('does not fuse when an intermediate has a second reader', async () => {
    const scores = attentionGraph();
    scores.b.output(scores.scores, 'float32');
    expect(await fuseAndCompare(scores.b, scores.feeds)).toContain('Softmax');
    const probs = attentionGraph();
    probs.b.output(probs.b.op('Relu', [probs.probs]), 'float32');
    expect(await fuseAndCompare(probs.b, probs.feeds)).toContain('Softmax');
  });

  it('does not fuse when the scale is not a constant', async () => {
    const { b, feeds } = attentionGraph({ scale: 'scale' });
    b.input('scale', 'float32', []);
    expect(await fuseAndCompare(b, { ...feeds, scale: scalar(2.5) })).toContain('Softmax');
  });

  it('does not fuse a Softmax over another axis than the last', async () => {
    const { b, feeds } = attentionGraph({ axis: 2 });
    expect(await fuseAndCompare(b, feeds)).toContain('Softmax');
  });

  it('does not fuse at opset 11 when the 2-D coercion covers more than the last axis', async () => {
    const b = new GraphBuilder();
    const q = b.input('q', 'float32', [2, 4, 8]), kt = b.input('kt', 'float32', [2, 8, 6]), v = b.input('v', 'float32', [2, 6, 3]);
    b.output(b.op('MatMul', [b.op('Softmax', [b.op('MatMul', [q, kt])]), v]), 'float32', [2, 4, 3]);
    expect(await fuseAndCompare(b, { q: f32([2, 4, 8], 1), kt: f32([2, 8, 6], 2), v: f32([2, 6, 3], 3) }, 11)).toContain('Softmax');
  });

  it('writes FusedAttention to the optimized model file, which loads and runs again', async () => {
    const { b, feeds } = attentionGraph();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-')), 'optimized.onnx');
    const first = await InferenceSession.create(encodeModel(b.model({ '': 17 })), { optimizedModelFilePath: file });
    const saved = loadModel(new Uint8Array(fs.readFileSync(file)));
    const fused = saved.graph.nodes.find((n) => n.opType === 'FusedAttention')!;
    expect(fused.domain).toBe('onnx-ts');
    expect(fused.inputs).toEqual(['q', 'k', 'v', 'mask']);
    expect(fused.attributes.get('k_transposed')?.value).toBe(0);
    expect(fused.attributes.get('scale')?.value).toBeCloseTo(1 / Math.sqrt(8), 7);
    const again = await InferenceSession.create(file, { graphOptimizationLevel: 'disabled' });
    const [expected, actual] = [await first.run(feeds), await again.run(feeds)];
    for (const name of first.outputNames) expect(compareValues(actual[name], expected[name], TOLERANCE, name)).toBeUndefined();
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
