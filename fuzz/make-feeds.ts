// Feeds for a session: valid ones built from its input metadata, and hostile variants
// (wrong dtype, rank or dims, missing or extra inputs, NaN/Inf, empty tensors, non-tensors,
// and huge or non-finite values where an input may be a shape, repeats, scales, pads or a count).
import { type DataType, allocateData } from '../data/dtype.js';
import { Tensor, type OnnxValue } from '../data/tensor.js';
import type { InferenceSession } from '../src/index.js';
import type { Prng } from './prng.js';

export const FEED_MUTATIONS = ['wrong-dtype', 'wrong-rank', 'wrong-dims', 'missing-input', 'extra-input', 'nan-inf', 'empty-tensor', 'not-a-tensor', 'huge-values'] as const;
export type FeedMutation = (typeof FEED_MUTATIONS)[number];

const MAX_FEED_ELEMENTS = 1 << 20;

/** Values that, read as a shape, count, repeat, pad or scale, ask for terabytes or for nothing sensible. */
export const HOSTILE_INTS = [2 ** 31, 2 ** 32 + 1, 1e12, 2 ** 53 + 2, 9.2e18, -(2 ** 40), -1];
export const HOSTILE_FLOATS = [Infinity, -Infinity, NaN, 1e30, 3.4e38, 1e12, 1e-12, -1e-12];

/** `t` with some of its values (at least one) replaced by hostile ones of its kind. */
export function hostileValues(t: Tensor, rng: Prng): Tensor {
  const data = allocateData(t.type, t.size);
  const src = t.data as ArrayLike<unknown>;
  const hit = rng.int(Math.max(1, t.size));
  for (let i = 0; i < t.size; i++) {
    const replace = i === hit || rng.int(3) === 0;
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
      const v = rng.pick(HOSTILE_INTS);
      const big = v >= 2 ** 63 ? 2n ** 63n - 1n : BigInt(Math.trunc(v));
      data[i] = replace ? (data instanceof BigUint64Array ? BigInt.asUintN(64, big) : big) : (src[i] as bigint);
    } else if (Array.isArray(data)) data[i] = replace ? 'x'.repeat(1 + rng.int(64)) : (src[i] as string);
    else if (t.type === 'float32' || t.type === 'float64') (data as Float32Array)[i] = replace ? rng.pick(HOSTILE_FLOATS) : (src[i] as number);
    else (data as Int32Array)[i] = replace ? rng.pick(HOSTILE_INTS) : (src[i] as number);
  }
  return new Tensor(t.type, data, [...t.dims]);
}

function tensorFor(type: DataType, dims: number[], rng: Prng, fill?: number): Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = allocateData(type, n);
  for (let i = 0; i < n; i++) {
    const v = fill ?? rng.next() * 4 - 2;
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = BigInt(Math.abs(Math.trunc(v)));
    else if (Array.isArray(data)) data[i] = String(v);
    else (data as Float32Array)[i] = type === 'bool' ? (v > 0 ? 1 : 0) : v;
  }
  return new Tensor(type, data, dims);
}

export function validFeeds(session: InferenceSession, rng: Prng): Record<string, OnnxValue> {
  const feeds: Record<string, OnnxValue> = {};
  for (const m of session.inputMetadata) {
    if (!m.isTensor || !m.type) { feeds[m.name] = []; continue; }
    let dims = (m.shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : 1 + rng.int(3)));
    if (dims.reduce((a, b) => a * b, 1) > MAX_FEED_ELEMENTS) dims = dims.map(() => 1);
    feeds[m.name] = tensorFor(m.type as DataType, dims, rng);
  }
  return feeds;
}

export function mutateFeeds(feeds: Record<string, OnnxValue>, kind: FeedMutation, rng: Prng): Record<string, OnnxValue> {
  const names = Object.keys(feeds);
  const out = { ...feeds };
  const name = names.length ? rng.pick(names) : undefined;
  const t = name !== undefined && out[name] instanceof Tensor ? (out[name] as Tensor) : undefined;
  switch (kind) {
    case 'wrong-dtype':
      if (t) out[name!] = tensorFor(rng.pick(['float32', 'int64', 'int32', 'bool', 'float64', 'uint8', 'string', 'float16'] as DataType[]), [...t.dims], rng);
      break;
    case 'wrong-rank':
      if (t) out[name!] = tensorFor(t.type, rng.int(2) ? [...t.dims, 1] : t.dims.slice(1), rng);
      break;
    case 'wrong-dims':
      if (t) out[name!] = tensorFor(t.type, t.dims.map((d) => (rng.int(2) ? d : rng.pick([0, 1, 2, 3, 5]))), rng);
      break;
    case 'missing-input':
      if (name) delete out[name];
      break;
    case 'extra-input':
      out[`extra_${rng.int(100)}`] = tensorFor('float32', [1], rng);
      break;
    case 'nan-inf':
      if (t && (t.type === 'float32' || t.type === 'float64')) out[name!] = tensorFor(t.type, [...t.dims], rng, rng.pick([NaN, Infinity, -Infinity, 3.4e38]));
      break;
    case 'empty-tensor':
      if (t) out[name!] = tensorFor(t.type, t.dims.map((d, i) => (i === 0 ? 0 : d)), rng);
      break;
    case 'huge-values': {
      // prefer a small integer or float input: the kind that carries shapes and counts
      const small = names.filter((n) => out[n] instanceof Tensor && (out[n] as Tensor).size <= 8 && (out[n] as Tensor).type !== 'string');
      const pick = small.length ? rng.pick(small) : name;
      if (pick !== undefined && out[pick] instanceof Tensor && (out[pick] as Tensor).size > 0) out[pick] = hostileValues(out[pick] as Tensor, rng);
      break;
    }
    case 'not-a-tensor':
      if (name) out[name] = rng.pick([null, 42 as unknown as OnnxValue, 'text' as unknown as OnnxValue, [], {} as OnnxValue]);
      break;
  }
  return out;
}
