// The com.microsoft attention family on cases small enough to check by hand (equal keys make
// softmax uniform, so the output is a mean of values), the layouts onnxruntime's CPU kernels
// refuse (packed QKV/KV, which the contrib suite cannot cover) against the separate form,
// and the typed errors for bad attributes and shapes. The contrib suite compares every op
// with onnxruntime on random data.
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Node } from '../../graph/ir.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import { InvalidInputError, InvalidModelError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';

type Attr = number | number[];

function attribute(v: Attr): AttributeValue {
  if (Array.isArray(v)) return { type: 'ints', value: v };
  return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
}

/** Creates the op as a session would (attributes checked), returning its kernel. */
function create(opType: string, attrs: Record<string, Attr>, inputCount: number, outputs = 1) {
  const node: Node = {
    name: 'n', opType, domain: MICROSOFT_DOMAIN,
    inputs: Array.from({ length: inputCount }, (_, i) => `in${i}`),
    outputs: Array.from({ length: outputs }, (_, i) => `out${i}`),
    attributes: new Map(Object.entries(attrs).map(([k, v]) => [k, attribute(v)])),
  };
  const def = referenceOps.resolve(MICROSOFT_DOMAIN, opType, 1);
  if (!def) throw new Error(`${opType} is not registered`);
  return def.create({ node, opset: 1, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
}

async function run(opType: string, attrs: Record<string, Attr>, inputs: (Tensor | undefined)[], outputs = 1): Promise<(Tensor | null)[]> {
  const kernel = create(opType, attrs, inputs.length, outputs);
  return (await kernel(inputs, { scope: { get: () => undefined, has: () => false } })) as (Tensor | null)[];
}

const f32 = (values: number[], dims: number[]) => new Tensor('float32', Float32Array.from(values), dims);
const i32 = (values: number[], dims: number[] = [values.length]) => new Tensor('int32', Int32Array.from(values), dims);
const i64 = (values: number[], dims: number[] = [values.length]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
const zeros = (dims: number[]) => new Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
const values = (t: Tensor | null) => Array.from(t!.data as Float32Array);
/** Deterministic values in [-1, 1). */
const wave = (dims: number[], seed: number) => {
  const n = dims.reduce((a, b) => a * b, 1);
  return f32(Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.37)), dims);
};

function expectClose(actual: number[], expected: number[], tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `element ${i}: ${a} vs ${expected[i]}`).toBeLessThan(tolerance));
}

describe('MultiHeadAttention', () => {
  it('averages the values when every key is the same (one head)', async () => {
    // keys all equal: every score ties, softmax is uniform, the output is the mean value row
    const q = f32([0.3, -2, 1.5, 4], [1, 2, 2]);
    const k = f32([1, 2, 1, 2, 1, 2], [1, 3, 2]);
    const v = f32([1, 10, 2, 20, 6, 60], [1, 3, 2]);
    const [y] = await run('MultiHeadAttention', { num_heads: 1 }, [q, k, v]);
    expect(y!.dims).toEqual([1, 2, 2]);
    expectClose(values(y), [3, 30, 3, 30]);
  });

  it('hides later keys when unidirectional and appends the new keys to past_key', async () => {
    const q = zeros([1, 2, 2]);
    const k = zeros([1, 2, 2]);
    const v = f32([5, 5, 7, 7], [1, 2, 2]);
    const pastK = zeros([1, 1, 1, 2]);
    const pastV = f32([3, 3], [1, 1, 1, 2]);
    const [y, presentK, presentV] = await run('MultiHeadAttention', { num_heads: 1, unidirectional: 1 },
      [q, k, v, undefined, undefined, undefined, pastK, pastV], 3);
    // row 0 sees the past and itself: (3 + 5) / 2; row 1 sees all three: (3 + 5 + 7) / 3
    expectClose(values(y), [4, 4, 5, 5]);
    expect(presentK!.dims).toEqual([1, 1, 3, 2]);
    expectClose(values(presentV), [3, 3, 5, 5, 7, 7]);
  });

  it('reads packed QKV and packed KV as the separate tensors they pack', async () => {
    const batch = 2, seq = 3, heads = 2, h = 4;
    const qkv = wave([batch, seq, heads, 3, h], 1);
    const part = (which: number, count: number) => {
      const out: number[] = [];
      const d = qkv.data as Float32Array;
      for (let b = 0; b < batch; b++) for (let s = 0; s < seq; s++) for (let n = 0; n < heads; n++) {
        const o = (((b * seq + s) * heads + n) * 3 + which) * h;
        for (let i = 0; i < h; i++) out.push(d[o + i]);
      }
      return f32(out, [batch, seq, count * h]);
    };
    const [q, k, v] = [part(0, heads), part(1, heads), part(2, heads)];
    const bias = wave([3 * heads * h], 2);
    const [separate] = await run('MultiHeadAttention', { num_heads: heads }, [q, k, v, bias]);
    const [packed] = await run('MultiHeadAttention', { num_heads: heads }, [qkv, undefined, undefined, bias]);
    expectClose(values(packed), values(separate));

    const kv: number[] = [];
    const kd = k.data as Float32Array, vd = v.data as Float32Array;
    for (let b = 0; b < batch; b++) for (let s = 0; s < seq; s++) for (let n = 0; n < heads; n++) {
      const o = (b * seq + s) * heads * h + n * h;
      kv.push(...kd.subarray(o, o + h), ...vd.subarray(o, o + h));
    }
    const [packedKv] = await run('MultiHeadAttention', { num_heads: heads }, [q, f32(kv, [batch, seq, heads, 2, h]), undefined, bias]);
    expectClose(values(packedKv), values(separate));
  });

  it('refuses a hidden size num_heads does not divide, and mask shapes it does not know', async () => {
    const q = zeros([1, 2, 6]);
    await expect(run('MultiHeadAttention', { num_heads: 4 }, [q, q, q])).rejects.toThrow(InvalidInputError);
    await expect(run('MultiHeadAttention', { num_heads: 2 }, [q, q, q, undefined, i32([1, 1, 1], [1, 3])]))
      .rejects.toThrow(/key_padding_mask must be/);
    expect(() => create('MultiHeadAttention', {}, 3)).toThrow(InvalidModelError);
  });
});

describe('Attention', () => {
  // weights (2, 6): Q = x, K = 0 (all scores tie), V = x
  const weights = f32([1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1], [2, 6]);
  const bias = zeros([6]);
  const x = f32([1, 2, 3, 4, 8, 9], [1, 3, 2]);

  it('projects input with weights + bias, then averages V when the keys tie', async () => {
    const [y] = await run('Attention', { num_heads: 1 }, [x, weights, bias]);
    expectClose(values(y), [4, 5, 4, 5, 4, 5]);
    // without bias (onnxruntime 1.30's CPU kernel crashes there, so only this test covers it)
    const [noBias] = await run('Attention', { num_heads: 1 }, [x, weights]);
    expectClose(values(noBias), values(y));
  });

  it('masks keys by length, by start and end, by raw mask, and causally', async () => {
    const mean = async (mask: Tensor, attrs: Record<string, Attr> = {}) =>
      values((await run('Attention', { num_heads: 1, ...attrs }, [x, weights, bias, mask]))[0]);
    // -10000 on masked keys leaves their weight at e^-10000 = 0
    expectClose(await mean(i32([1])), [1, 2, 1, 2, 1, 2]);
    expectClose(await mean(i32([3, 1])), [5.5, 6.5, 5.5, 6.5, 5.5, 6.5]);
    expectClose(await mean(i32([1, 0, 1], [1, 3])), [4.5, 5.5, 4.5, 5.5, 4.5, 5.5]);
    expectClose(await mean(i32([1, 0, 0, 0, 1, 0, 1, 1, 1], [1, 3, 3])), [1, 2, 3, 4, 4, 5]);
    const [causal] = await run('Attention', { num_heads: 1, unidirectional: 1 }, [x, weights, bias]);
    expectClose(values(causal), [1, 2, 2, 3, 4, 5]);
  });

  it('refuses a bad mask shape and qkv_hidden_sizes that do not fit num_heads', async () => {
    await expect(run('Attention', { num_heads: 1 }, [x, weights, bias, i32([1, 1], [1, 2])])).rejects.toThrow(InvalidInputError);
    await expect(run('Attention', { num_heads: 1 }, [x, weights, bias, i32([1], [1, 1, 1, 1])])).rejects.toThrow(/4-D mask_index/);
    expect(() => create('Attention', { num_heads: 2, qkv_hidden_sizes: [4, 4, 3] }, 3)).toThrow(InvalidModelError);
  });
});

describe('GroupQueryAttention', () => {
  const v = f32([1, 10, 3, 30, 8, 80], [1, 3, 2]);

  it('attends causally on the first prompt: row i averages values 0..i', async () => {
    const [y, presentK, presentV] = await run('GroupQueryAttention', { num_heads: 1, kv_num_heads: 1 },
      [wave([1, 3, 2], 3), zeros([1, 3, 2]), v, undefined, undefined, i32([2]), i32([3], [])], 3);
    expectClose(values(y), [1, 10, 2, 20, 4, 40]);
    expect(presentK!.dims).toEqual([1, 1, 3, 2]);
    expectClose(values(presentV), values(v));
  });

  it('shares each kv head among num_heads / kv_num_heads query heads', async () => {
    const q = wave([1, 1, 4 * 2], 4);
    const kv = (x: number) => f32([x, x, 2 * x, 2 * x], [1, 1, 4]);
    const [y] = await run('GroupQueryAttention', { num_heads: 4, kv_num_heads: 2 },
      [q, zeros([1, 1, 4]), kv(1), undefined, undefined, i32([0]), i32([1], [])]);
    // one key: each query head copies its kv head's value; heads 0, 1 read kv head 0, heads 2, 3 kv head 1
    expectClose(values(y), [1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('decodes a token after the past of each batch entry, zero beyond it', async () => {
    const pastV = f32([2, 2, 4, 4, 0, 0, /* batch 1 */ 6, 6, 9, 9, 9, 9], [2, 1, 3, 2]);
    const [y, , presentV] = await run('GroupQueryAttention', { num_heads: 1, kv_num_heads: 1 },
      [zeros([2, 1, 2]), zeros([2, 1, 2]), f32([6, 6, 3, 3], [2, 1, 2]), zeros([2, 1, 3, 2]), pastV, i32([2, 1]), i32([4], [])], 3);
    // batch 0: past 2 rows + new: (2 + 4 + 6) / 3; batch 1: past 1 row + new: (6 + 3) / 2
    expectClose(values(y), [4, 4, 4.5, 4.5]);
    expect(presentV!.dims).toEqual([2, 1, 4, 2]);
    expectClose(values(presentV), [2, 2, 4, 4, 6, 6, 0, 0, 6, 6, 3, 3, 0, 0, 0, 0]);
  });

  it('sees only the last local_window_size keys', async () => {
    const [y] = await run('GroupQueryAttention', { num_heads: 1, kv_num_heads: 1, local_window_size: 1 },
      [wave([1, 3, 2], 5), zeros([1, 3, 2]), v, undefined, undefined, i32([2]), i32([3], [])]);
    expectClose(values(y), values(v));
  });

  it('reads packed QKV as the separate tensors it packs', async () => {
    const q = wave([1, 2, 4], 6), k = wave([1, 2, 2], 7), vv = wave([1, 2, 2], 8);
    const packed: number[] = [];
    for (let s = 0; s < 2; s++) {
      for (const [t, w] of [[q, 4], [k, 2], [vv, 2]] as const) packed.push(...(t.data as Float32Array).subarray(s * w, s * w + w));
    }
    const args = (query: Tensor, key?: Tensor, value?: Tensor) => [query, key, value, undefined, undefined, i32([1]), i32([2], [])];
    const [separate] = await run('GroupQueryAttention', { num_heads: 2, kv_num_heads: 1 }, args(q, k, vv));
    const [fromPacked] = await run('GroupQueryAttention', { num_heads: 2, kv_num_heads: 1 }, args(f32(packed, [1, 2, 8])));
    expectClose(values(fromPacked), values(separate));
  });

  it('refuses kv_num_heads that do not divide num_heads, and a missing rotary cache', async () => {
    expect(() => create('GroupQueryAttention', { num_heads: 4, kv_num_heads: 3 }, 7)).toThrow(InvalidModelError);
    expect(() => create('GroupQueryAttention', { num_heads: 4 }, 7)).toThrow(/kv_num_heads/);
    expect(() => create('GroupQueryAttention', { num_heads: 2, kv_num_heads: 1, causal: 0, local_window_size: 2 }, 7)).toThrow(InvalidModelError);
    await expect(run('GroupQueryAttention', { num_heads: 1, kv_num_heads: 1, do_rotary: 1 },
      [zeros([1, 1, 2]), zeros([1, 1, 2]), zeros([1, 1, 2]), undefined, undefined, i32([0]), i32([1], [])])).rejects.toThrow(/cos_cache/);
  });
});

describe('RotaryEmbedding', () => {
  // cos/sin rows: position 0 turns by 0, position 1 by a quarter turn
  const cos = f32([1, 1, 0, 0], [2, 2]);
  const sin = f32([0, 0, 1, 1], [2, 2]);

  it('rotates split halves, or interleaved pairs, by the angle of each position', async () => {
    const x = f32([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 4]);
    const [y] = await run('RotaryEmbedding', {}, [x, i64([0, 1], [1, 2]), cos, sin]);
    // position 1, halves (5, 6) and (7, 8): (x1, x2) -> (-x2, x1)
    expectClose(values(y), [1, 2, 3, 4, -7, -8, 5, 6]);
    const [yi] = await run('RotaryEmbedding', { interleaved: 1 }, [x, i64([0, 1], [1, 2]), cos, sin]);
    expectClose(values(yi), [1, 2, 3, 4, -6, 5, -8, 7]);
  });

  it('counts positions up from a single start position, and leaves entries past rotary_embedding_dim', async () => {
    const x = f32([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 8]);
    const [y] = await run('RotaryEmbedding', { num_heads: 2, rotary_embedding_dim: 2 }, [x, i64([1], [1]), f32([1, 0], [2, 1]), f32([0, 1], [2, 1])]);
    expectClose(values(y), [-2, 1, 3, 4, -6, 5, 7, 8]);
  });

  it('refuses caches that do not match the rotary dimension', async () => {
    await expect(run('RotaryEmbedding', {}, [zeros([1, 1, 6]), i64([0], [1]), cos, sin])).rejects.toThrow(InvalidInputError);
    expect(() => create('RotaryEmbedding', { rotary_embedding_dim: 2 }, 4)).toThrow(InvalidModelError);
  });
});

describe('DecoderMaskedMultiHeadAttention', () => {
  it('writes the new token at past_sequence_length in the shared buffers and averages equal keys', async () => {
    const pastV = f32([2, 2, 4, 4, 9, 9], [1, 1, 3, 2]);
    const [y, presentK, presentV] = await run('DecoderMaskedMultiHeadAttention', { num_heads: 1, past_present_share_buffer: 1 },
      [f32([1, -1], [1, 1, 2]), zeros([1, 1, 2]), f32([6, 6], [1, 1, 2]), undefined, undefined, zeros([1, 1, 3, 2]), pastV, i32([2])], 3);
    expectClose(values(y), [4, 4]);
    expect(presentK!.dims).toEqual([1, 1, 3, 2]);
    expectClose(values(presentV), [2, 2, 4, 4, 6, 6]);
  });

  it('reads each past position from the beam cache_indirection names', async () => {
    // two beams of one batch entry; beam 1's past row 0 comes from beam 0
    const pastV = f32([1, 1, 0, 0, /* beam 1 */ 5, 5, 0, 0], [2, 1, 2, 2]);
    const [y] = await run('DecoderMaskedMultiHeadAttention', { num_heads: 1, past_present_share_buffer: 1 },
      [zeros([2, 1, 2]), zeros([2, 1, 2]), f32([3, 3, 3, 3], [2, 1, 2]), undefined, undefined, zeros([2, 1, 2, 2]), pastV, i32([1]), i32([2]),
        i32([0, 0, 0, 0], [1, 2, 2])], 3);
    expectClose(values(y), [2, 2, 2, 2]);
  });

  it('refuses more than one query position', async () => {
    await expect(run('DecoderMaskedMultiHeadAttention', { num_heads: 1 }, [zeros([1, 2, 2]), zeros([1, 1, 1, 2]), zeros([1, 1, 1, 2])]))
      .rejects.toThrow(/one decoding step/);
  });
});
