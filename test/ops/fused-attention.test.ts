// The FusedAttention kernel against attention written out in float64: several heads, bands of
// query rows, every mask broadcast form, K as rows or as K^T, and the inputs it must refuse.
import { describe, expect, it } from 'vitest';
import type { Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import { bandRows, runFusedAttention } from '../../ops/fused/fused-attention.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InvalidInputError, Tensor } from '../../src/index.js';
import { randomTensorData } from '../passes/pass-harness.js';

const f32 = (dims: number[], seed: number) => new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed), dims);

/** Softmax(scale * Q K^T + mask) V for [heads, rows, cols] inputs; mask [1 | rows, 1 | cols] shared by the heads. */
function naive(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | undefined, scale: number): Float64Array {
  const [heads, qLen, d] = q.dims, [, kvLen] = k.dims, [, , dv] = v.dims;
  const [qd, kd, vd] = [q, k, v].map((t) => t.data as Float32Array);
  const md = mask?.data as Float32Array | undefined;
  const [mr, mc] = mask ? mask.dims : [1, 1];
  const y = new Float64Array(heads * qLen * dv);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < qLen; i++) {
      const s = Array.from({ length: kvLen }, (_, j) => {
        let dot = 0;
        for (let p = 0; p < d; p++) dot += qd[(h * qLen + i) * d + p] * kd[(h * kvLen + j) * d + p];
        return dot * scale + (md ? md[(mr === 1 ? 0 : i) * mc + (mc === 1 ? 0 : j)] : 0);
      });
      const max = Math.max(...s), e = s.map((x) => Math.exp(x - max)), sum = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < dv; c++) {
        let acc = 0;
        for (let j = 0; j < kvLen; j++) acc += (e[j] / sum) * vd[(h * kvLen + j) * dv + c];
        y[(h * qLen + i) * dv + c] = acc;
      }
    }
  }
  return y;
}

/** K [heads, kvLen, d] as K^T [heads, d, kvLen]. */
function transposeLastTwo(t: Tensor): Tensor {
  const [h, r, c] = t.dims, src = t.data as Float32Array, out = new Float32Array(t.size);
  for (let b = 0; b < h; b++) for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[(b * c + j) * r + i] = src[(b * r + i) * c + j];
  return new Tensor('float32', out, [h, c, r]);
}

function expectClose(actual: Tensor, expected: Float64Array, dims: number[]): void {
  expect(compareValues(actual, new Tensor('float32', Float32Array.from(expected), dims), { rtol: 1e-5, atol: 1e-6 })).toBeUndefined();
}

describe('FusedAttention kernel', () => {
  // 1000 keys make bands of 65 query rows: 150 rows take three, the last one short
  const [heads, qLen, kvLen, d, dv] = [2, 150, 1000, 16, 8];
  const q = f32([heads, qLen, d], 1), k = f32([heads, kvLen, d], 2), v = f32([heads, kvLen, dv], 3);

  it('splits long sequences into bands of query rows', () => {
    expect(bandRows(qLen, kvLen)).toBe(65);
    expect(bandRows(4, 10)).toBe(4);
    expect(bandRows(4, 1 << 20)).toBe(1);
  });

  it.each([
    ['no mask', undefined],
    ['a full mask', [qLen, kvLen]],
    ['a mask per key', [1, kvLen]],
    ['a mask per query row', [qLen, 1]],
  ] as const)('matches attention in float64 with %s', (_what, maskDims) => {
    const mask = maskDims ? f32([...maskDims], 4) : undefined;
    const expected = naive(q, k, v, mask, 0.25);
    expectClose(runFusedAttention(q, k, v, mask, { scale: 0.25, kTransposed: false }), expected, [heads, qLen, dv]);
    expectClose(runFusedAttention(q, transposeLastTwo(k), v, mask, { scale: 0.25, kTransposed: true }), expected, [heads, qLen, dv]);
  });

  it('broadcasts leading axes as MatMul does: one K and V for every head, a mask per batch', () => {
    const q4 = f32([2, 3, 4, 8], 5), k1 = f32([1, 6, 8], 6), v1 = f32([1, 6, 5], 7), mask = f32([2, 1, 4, 6], 8);
    const y = runFusedAttention(q4, k1, v1, mask, { scale: 1, kTransposed: false });
    expect(y.dims).toEqual([2, 3, 4, 5]);
    for (const b of [0, 1]) {
      const qb = new Tensor('float32', (q4.data as Float32Array).slice(b * 96, (b + 1) * 96), [3, 4, 8]);
      const rep = (t: Tensor) => new Tensor('float32', new Float32Array([...t.data as Float32Array, ...t.data as Float32Array, ...t.data as Float32Array]), [3, ...t.dims.slice(1)]);
      const mb = new Tensor('float32', (mask.data as Float32Array).slice(b * 24, (b + 1) * 24), [4, 6]);
      const expected = naive(qb, rep(k1), rep(v1), mb, 1);
      expectClose(new Tensor('float32', (y.data as Float32Array).slice(b * 60, (b + 1) * 60), [3, 4, 5]), expected, [3, 4, 5]);
    }
  });

  it('is registered in the onnx-ts domain and reads its attributes', async () => {
    const node: Node = {
      name: 'attn', opType: 'FusedAttention', domain: 'onnx-ts', inputs: ['q', 'k', 'v'], outputs: ['y'],
      attributes: new Map([['scale', { type: 'float', value: 0.5 }], ['k_transposed', { type: 'int', value: 1 }]]),
    };
    const def = referenceOps.resolve('onnx-ts', 'FusedAttention', 1)!;
    const kernel = def.create({ node, opset: 1, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
    const [y] = (await kernel([q, transposeLastTwo(k), v], { scope: { get: () => undefined, has: () => false } })) as Tensor[];
    expectClose(y, naive(q, k, v, undefined, 0.5), [heads, qLen, dv]);
  });

  it('refuses inputs that do not line up, naming the input', () => {
    const run = (kk: Tensor, vv: Tensor, mask?: Tensor) => () => runFusedAttention(q, kk, vv, mask, { scale: 1, kTransposed: false });
    expect(run(f32([heads, kvLen, d + 1], 9), v)).toThrow(/head size/);
    expect(run(k, f32([heads, kvLen - 1, dv], 9))).toThrow(/V .* rows/);
    expect(run(k, v, f32([2, kvLen], 9))).toThrow(InvalidInputError);
    expect(run(k, v, new Tensor('float64', new Float64Array(kvLen), [kvLen]))).toThrow(/mask must be float32/);
  });
});
