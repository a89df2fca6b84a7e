// Feeds for a session: valid ones built from its input metadata, and hostile variants
// (wrong dtype, rank or dims, missing or extra inputs, NaN/Inf, empty tensors, non-tensors).
import { type DataType, allocateData } from '../data/dtype.js';
import { Tensor, type OnnxValue } from '../data/tensor.js';
import type { InferenceSession } from '../src/index.js';
import type { Prng } from './prng.js';

export const FEED_MUTATIONS = ['wrong-dtype', 'wrong-rank', 'wrong-dims', 'missing-input', 'extra-input', 'nan-inf', 'empty-tensor', 'not-a-tensor'] as const;
export type FeedMutation = (typeof FEED_MUTATIONS)[number];

const MAX_FEED_ELEMENTS = 1 << 20;

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
    case 'not-a-tensor':
      if (name) out[name] = rng.pick([null, 42 as unknown as OnnxValue, 'text' as unknown as OnnxValue, [], {} as OnnxValue]);
      break;
  }
  return out;
}
