// com.microsoft MultiHeadAttention: self or cross attention over already-projected Q, K, V
// (the projection's bias is an input), with the key/value cache, padding mask, attention_bias
// and causal mask of decoder exports. Q, K and V come separate (batch, sequence, hidden),
// packed into query (batch, sequence, heads, 3, head size), K and V packed into key (batch,
// kv sequence, heads, 2, head size), or K and V already split into heads (batch, heads, kv
// sequence, head size), the cross-attention cache of encoder-decoder models.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { type HeadStrides, bnshHeads, gatherHeads, rowHeads } from './attention-heads.js';
import { attentionBiasView, maskScores } from './attention-mask.js';
import { appendToCache } from './kv-cache.js';
import { maskedAttention } from './masked-attention.js';

const OP = 'MultiHeadAttention';

interface QkvLayout {
  batch: number;
  qLen: number;
  kvLen: number;
  headSize: number;
  vHeadSize: number;
  q: HeadStrides;
  k: HeadStrides;
  v: HeadStrides;
  qData: ArrayLike<number>;
  kData: ArrayLike<number>;
  vData: ArrayLike<number>;
  /** K and V came split into heads, already projected: the bias applies to Q only. */
  kvInHeads: boolean;
}

function fail(message: string, input: string): never {
  throw new InvalidInputError(`${OP}: ${message}`, input);
}

function sameType(t: Tensor, q: Tensor, what: string): void {
  if (t.type !== q.type) fail(`${what} must be ${q.type} like query, got ${t.type}`, what);
}

function layoutOf(query: Tensor, key: Tensor | undefined, value: Tensor | undefined, heads: number): QkvLayout {
  const qd = query.dims;
  if (qd.length === 5) {
    // packed QKV: (batch, sequence, heads, 3, head size)
    if (key || value) fail('key and value must be omitted when query packs Q, K and V', 'key');
    const [batch, seq, n, three, h] = qd;
    if (n !== heads || three !== 3) fail(`packed QKV must be (batch, sequence, ${heads}, 3, head size), got [${qd}]`, 'query');
    const data = floatData(query, 'query');
    const at = (base: number): HeadStrides => ({ base, batch: seq * n * 3 * h, seq: n * 3 * h, head: 3 * h });
    return { batch, qLen: seq, kvLen: seq, headSize: h, vHeadSize: h, q: at(0), k: at(h), v: at(2 * h), qData: data, kData: data, vData: data, kvInHeads: false };
  }
  if (qd.length !== 3) fail(`query must be 3-D (batch, sequence, hidden) or 5-D packed QKV, got [${qd}]`, 'query');
  const [batch, qLen, hidden] = qd;
  if (hidden % heads !== 0) fail(`query hidden size ${hidden} is not divisible by num_heads ${heads}`, 'query');
  const h = hidden / heads;
  const qData = floatData(query, 'query');
  const q = rowHeads(qLen, hidden, 0, h);
  if (!key) fail('key is required unless query packs Q, K and V', 'key');
  sameType(key, query, 'key');
  const kd = key.dims;
  if (kd[0] !== batch) fail(`key batch ${kd[0]} differs from query batch ${batch}`, 'key');
  if (kd.length === 5) {
    // packed KV: (batch, kv sequence, heads, 2, head size)
    if (value) fail('value must be omitted when key packs K and V', 'value');
    const [, kvLen, n, two, kh] = kd;
    if (n !== heads || two !== 2 || kh !== h) fail(`packed KV must be (${batch}, kv sequence, ${heads}, 2, ${h}), got [${kd}]`, 'key');
    const data = floatData(key, 'key');
    const at = (base: number): HeadStrides => ({ base, batch: kvLen * n * 2 * h, seq: n * 2 * h, head: 2 * h });
    return { batch, qLen, kvLen, headSize: h, vHeadSize: h, q, k: at(0), v: at(h), qData, kData: data, vData: data, kvInHeads: false };
  }
  if (!value) fail('value is required with a separate key', 'value');
  sameType(value, query, 'value');
  const vd = value.dims;
  if (kd.length === 4) {
    // K and V already in heads: (batch, heads, kv sequence, head size)
    if (vd.length !== 4 || kd[1] !== heads || vd[1] !== heads || kd[3] !== h || vd[0] !== batch || vd[2] !== kd[2]) {
      fail(`key and value in heads must be (${batch}, ${heads}, kv sequence, ${h}), got [${kd}] and [${vd}]`, 'key');
    }
    const kvLen = kd[2];
    return {
      batch, qLen, kvLen, headSize: h, vHeadSize: vd[3], q, k: bnshHeads(heads, kvLen, h), v: bnshHeads(heads, kvLen, vd[3]),
      qData, kData: floatData(key, 'key'), vData: floatData(value, 'value'), kvInHeads: true,
    };
  }
  if (kd.length !== 3 || vd.length !== 3) fail(`key and value must be 3-D (batch, kv sequence, hidden), got [${kd}] and [${vd}]`, 'key');
  if (kd[2] !== hidden) fail(`key hidden size ${kd[2]} differs from query's ${hidden}`, 'key');
  if (vd[0] !== batch || vd[1] !== kd[1]) fail(`value [${vd}] must have key's batch and sequence [${kd}]`, 'value');
  if (vd[2] % heads !== 0) fail(`value hidden size ${vd[2]} is not divisible by num_heads ${heads}`, 'value');
  const kvLen = kd[1], vh = vd[2] / heads;
  return {
    batch, qLen, kvLen, headSize: h, vHeadSize: vh, q, k: rowHeads(kvLen, hidden, 0, h), v: rowHeads(kvLen, vd[2], 0, vh),
    qData, kData: floatData(key, 'key'), vData: floatData(value, 'value'), kvInHeads: false,
  };
}

function checkPast(t: Tensor, what: string, batch: number, heads: number, headSize: number): void {
  const d = t.dims;
  if (d.length !== 4 || d[0] !== batch || d[1] !== heads || d[3] !== headSize) {
    fail(`${what} must be (${batch}, ${heads}, past sequence, ${headSize}), got [${d}]`, what);
  }
}

export const MultiHeadAttention: OpDefinition = defineOp(OP, 1, (ctx) => {
  const heads = ctx.attrs.required('num_heads', ctx.attrs.int('num_heads'));
  if (heads <= 0) throw ctx.attrs.error(`num_heads must be positive, got ${heads}`, 'num_heads');
  const filterValue = ctx.attrs.float('mask_filter_value', -10000);
  const scaleAttr = ctx.attrs.float('scale', 0);
  const unidirectional = ctx.attrs.int('unidirectional', 0) !== 0;
  const want = [1, 2, 3].map((i) => outputRequested(ctx.node, i));
  return (inputs) => {
    const query = tensorInput(inputs, 0, `${OP} query`);
    const L = layoutOf(query, optionalTensorInput(inputs, 1), optionalTensorInput(inputs, 2), heads);
    const { batch, qLen, kvLen, headSize, vHeadSize } = L;
    const biasT = optionalTensorInput(inputs, 3);
    const padding = optionalTensorInput(inputs, 4);
    const attnBias = optionalTensorInput(inputs, 5);
    const pastK = optionalTensorInput(inputs, 6);
    const pastV = optionalTensorInput(inputs, 7);
    if (optionalTensorInput(inputs, 8)) fail('past_sequence_length (shared past/present buffers) is not supported', 'past_sequence_length');
    if (optionalTensorInput(inputs, 9)) fail('cache_indirection (beam search) is not supported', 'cache_indirection');
    let bias: ArrayLike<number> | undefined;
    if (biasT) {
      sameType(biasT, query, 'bias');
      const expected = 2 * heads * headSize + heads * vHeadSize;
      if (biasT.dims.length !== 1 || biasT.dims[0] !== expected) fail(`bias must be (${expected}), got [${biasT.dims}]`, 'bias');
      bias = floatData(biasT, 'bias');
    }
    if (!pastK !== !pastV) fail('past_key and past_value must be given together', pastK ? 'past_value' : 'past_key');
    if (pastK) checkPast(pastK, 'past_key', batch, heads, headSize);
    if (pastV) checkPast(pastV, 'past_value', batch, heads, vHeadSize);
    const pastLen = pastK ? pastK.dims[2] : 0;
    if (pastV && pastV.dims[2] !== pastLen) fail(`past_value has ${pastV.dims[2]} positions, past_key ${pastLen}`, 'past_value');
    const totalLen = pastLen + kvLen;

    const q = gatherHeads(L.qData, L.q, batch, qLen, heads, headSize, bias, 0);
    const kvBias = L.kvInHeads ? undefined : bias;
    const kNew = gatherHeads(L.kData, L.k, batch, kvLen, heads, headSize, kvBias, heads * headSize);
    const vNew = gatherHeads(L.vData, L.v, batch, kvLen, heads, vHeadSize, kvBias, 2 * heads * headSize);
    const cache = (past: Tensor | undefined, fresh: Float32Array, h: number) => (past
      ? appendToCache(floatData(past, 'past'), fresh, { batch, heads, headSize: h, pastRows: pastLen, pastLength: () => pastLen, newRows: kvLen, presentRows: totalLen })
      : fresh);
    const k = cache(pastK, kNew, headSize);
    const v = cache(pastV, vNew, vHeadSize);

    const mask = maskScores(OP, 'key_padding_mask', padding, {
      batch, qLen, totalLen, pastLen, filterValue, causal: unidirectional && qLen > 1,
    });
    if (attnBias) sameType(attnBias, query, 'attention_bias');
    const biasView = attnBias && attentionBiasView(OP, attnBias, floatData(attnBias, 'attention_bias'), batch, heads, qLen, totalLen);
    const scoresOut = want[2] ? new Float64Array(batch * heads * qLen * totalLen) : undefined;
    const y = maskedAttention({
      batch, heads, qLen, totalLen, headSize, vHeadSize, q, k, v,
      scale: scaleAttr !== 0 ? scaleAttr : 1 / Math.sqrt(headSize), mask, bias: biasView, scoresOut,
    });
    const type = query.type;
    return [
      floatTensor(type, y, [batch, qLen, heads * vHeadSize]),
      want[0] ? floatTensor(type, k, [batch, heads, totalLen, headSize]) : null,
      want[1] ? floatTensor(type, v, [batch, heads, totalLen, vHeadSize]) : null,
      scoresOut ? floatTensor(type, scoresOut, [batch, heads, qLen, totalLen]) : null,
    ];
  };
}, MICROSOFT_DOMAIN);
