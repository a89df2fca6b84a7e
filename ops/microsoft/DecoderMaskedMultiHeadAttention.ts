// com.microsoft DecoderMaskedMultiHeadAttention: one decoding step (sequence length 1) of
// self attention over a KV cache, or of cross attention over an encoder's K/V in heads,
// as beam-search decoders (Whisper, T5, GPT-2 with BeamSearch) export it. With
// past_present_share_buffer the caches are (batch, heads, max sequence, head size) buffers
// of which past_sequence_length rows are filled, and present is that buffer with the new
// token written at row past_sequence_length. cache_indirection says, per beam and position,
// which beam's cache row the beam reads.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { optionalTensorInput, readInts, readScalar, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { gatherHeads, rowHeads } from './attention-heads.js';
import { attentionBiasView, maskScores } from './attention-mask.js';
import { maskedAttention } from './masked-attention.js';

const OP = 'DecoderMaskedMultiHeadAttention';

function fail(message: string, input: string): never {
  throw new InvalidInputError(`${OP}: ${message}`, input);
}

function sameType(t: Tensor, q: Tensor, what: string): void {
  if (t.type !== q.type) fail(`${what} must be ${q.type} like query, got ${t.type}`, what);
}

interface SelfCache {
  /** Filled rows of the past buffers, then the new token's row. */
  pastLen: number;
  /** Rows per head of the past and present buffers. */
  pastRows: number;
  presentRows: number;
}

/**
 * The keys (or values) every beam reads: its past rows, each from the beam cache_indirection
 * names, then its own new row; and the present buffer (past rows kept, the new row written).
 */
function selfAttentionRows(
  past: ArrayLike<number>, fresh: Float32Array, entries: number, heads: number, h: number, c: SelfCache,
  sourceEntry: (e: number, t: number) => number,
): { rows: Float32Array; present: Float32Array } {
  const total = c.pastLen + 1;
  const rows = new Float32Array(entries * heads * total * h);
  const present = new Float32Array(entries * heads * c.presentRows * h);
  for (let e = 0; e < entries; e++) {
    for (let n = 0; n < heads; n++) {
      const dst = (e * heads + n) * total * h;
      for (let t = 0; t < c.pastLen; t++) {
        const src = ((sourceEntry(e, t) * heads + n) * c.pastRows + t) * h;
        for (let i = 0; i < h; i++) rows[dst + t * h + i] = past[src + i];
      }
      const own = (e * heads + n) * h;
      for (let i = 0; i < h; i++) rows[dst + c.pastLen * h + i] = fresh[own + i];
      const p = (e * heads + n) * c.presentRows * h, pp = (e * heads + n) * c.pastRows * h;
      for (let i = 0; i < Math.min(c.pastRows, c.presentRows) * h; i++) present[p + i] = past[pp + i];
      for (let i = 0; i < h; i++) present[p + c.pastLen * h + i] = fresh[own + i];
    }
  }
  return { rows, present };
}

export const DecoderMaskedMultiHeadAttention: OpDefinition = defineOp(OP, 1, (ctx) => {
  const { attrs } = ctx;
  const heads = attrs.required('num_heads', attrs.int('num_heads'));
  if (heads <= 0) throw attrs.error(`num_heads must be positive, got ${heads}`, 'num_heads');
  const filterValue = attrs.float('mask_filter_value', -10000);
  const scaleAttr = attrs.float('scale', 0);
  const shareBuffer = attrs.int('past_present_share_buffer', 0) !== 0;
  const outputQk = attrs.int('output_qk', 0) !== 0;
  const want = [1, 2].map((i) => outputRequested(ctx.node, i));
  const qkOut = outputQk && outputRequested(ctx.node, 3);
  return (inputs) => {
    const query = tensorInput(inputs, 0, `${OP} query`);
    const key = optionalTensorInput(inputs, 1);
    const value = optionalTensorInput(inputs, 2);
    const maskT = optionalTensorInput(inputs, 3);
    const attnBias = optionalTensorInput(inputs, 4);
    const pastK = optionalTensorInput(inputs, 5);
    const pastV = optionalTensorInput(inputs, 6);
    const pastSeqT = optionalTensorInput(inputs, 7);
    const beamT = optionalTensorInput(inputs, 8);
    const indirT = optionalTensorInput(inputs, 9);
    const biasT = optionalTensorInput(inputs, 10);
    if (query.dims.length !== 3 || query.dims[1] !== 1) fail(`query must be (batch, 1, hidden): one decoding step, got [${query.dims}]`, 'query');
    const [batch, , width] = query.dims;
    if (!key !== !value) fail('key and value must be given together, or both omitted for packed QKV', key ? 'value' : 'key');
    const cross = !!key && key.dims.length === 4;
    const packed = !key;
    // packed QKV is (batch, 1, 3 * hidden): Q, K and V of one head size
    const hidden = packed ? width / 3 : width;
    if (!Number.isInteger(hidden) || hidden % heads !== 0) fail(`query width ${width} does not split into ${heads} heads${packed ? ' of packed Q, K and V' : ''}`, 'query');
    const h = hidden / heads;
    for (const [t, what] of [[key, 'key'], [value, 'value'], [attnBias, 'attention_bias'], [pastK, 'past_key'], [pastV, 'past_value'], [biasT, 'bias']] as const) {
      if (t) sameType(t, query, what);
    }
    let bias: ArrayLike<number> | undefined;
    if (biasT) {
      if (biasT.dims.length !== 1 || biasT.dims[0] !== 3 * hidden) fail(`bias must be (${3 * hidden}), got [${biasT.dims}]`, 'bias');
      bias = floatData(biasT, 'bias');
    }
    const qData = floatData(query, 'query');
    const q = gatherHeads(qData, rowHeads(1, width, 0, h), batch, 1, heads, h, bias, 0);
    const scale = scaleAttr !== 0 ? scaleAttr : 1 / Math.sqrt(h);

    if (cross) {
      // the encoder's K and V, already in heads; the projection bias was added when they were made
      if (pastK || pastV) fail('past_key/past_value cannot be combined with cross-attention key and value', 'past_key');
      if (attnBias) fail('attention_bias is not supported for cross attention', 'attention_bias');
      const kd = key!.dims, vd = value!.dims;
      if (kd[0] !== batch || kd[1] !== heads || kd[3] !== h || vd.length !== 4 || vd[0] !== batch || vd[1] !== heads || vd[2] !== kd[2] || vd[3] !== h) {
        fail(`cross-attention key and value must be (${batch}, ${heads}, kv sequence, ${h}), got [${kd}] and [${vd}]`, 'key');
      }
      const kvLen = kd[2];
      const mask = maskScores(OP, 'mask_index', maskT, { batch, qLen: 1, totalLen: kvLen, pastLen: 0, filterValue, causal: false });
      const scoresOut = qkOut ? new Float64Array(batch * heads * kvLen) : undefined;
      const y = maskedAttention({
        batch, heads, qLen: 1, totalLen: kvLen, headSize: h, vHeadSize: h, q,
        k: floatData(key!, 'key'), v: floatData(value!, 'value'), scale, mask, scoresOut,
      });
      return [floatTensor(query.type, y, [batch, 1, hidden]), null, null, scoresOut ? floatTensor(query.type, scoresOut, [batch, heads, 1, kvLen]) : null];
    }

    if (!pastK || !pastV) fail('self attention needs past_key and past_value (the KV cache)', pastK ? 'past_value' : 'past_key');
    for (const [t, what] of [[pastK, 'past_key'], [pastV, 'past_value']] as const) {
      const d = t.dims;
      if (d.length !== 4 || d[0] !== batch || d[1] !== heads || d[3] !== h || d[2] !== pastK.dims[2]) {
        fail(`${what} must be (${batch}, ${heads}, past rows, ${h}), got [${d}]`, what);
      }
    }
    const pastRows = pastK.dims[2];
    let pastLen = pastRows;
    if (shareBuffer) {
      if (!pastSeqT) fail('past_sequence_length is required with past_present_share_buffer', 'past_sequence_length');
      pastLen = readScalar(pastSeqT);
      if (!Number.isInteger(pastLen) || pastLen < 0 || pastLen >= pastRows) {
        fail(`past_sequence_length ${pastLen} leaves no row for the new token in buffers of ${pastRows}`, 'past_sequence_length');
      }
    }
    const presentRows = shareBuffer ? pastRows : pastRows + 1;
    const total = pastLen + 1;
    if (!packed) {
      for (const [t, what] of [[key!, 'key'], [value!, 'value']] as const) {
        if (t.dims.length !== 3 || t.dims[0] !== batch || t.dims[1] !== 1 || t.dims[2] !== hidden) fail(`${what} must be (${batch}, 1, ${hidden}), got [${t.dims}]`, what);
      }
    }
    const kNew = packed
      ? gatherHeads(qData, rowHeads(1, width, hidden, h), batch, 1, heads, h, bias, hidden)
      : gatherHeads(floatData(key!, 'key'), rowHeads(1, hidden, 0, h), batch, 1, heads, h, bias, hidden);
    const vNew = packed
      ? gatherHeads(qData, rowHeads(1, width, 2 * hidden, h), batch, 1, heads, h, bias, 2 * hidden)
      : gatherHeads(floatData(value!, 'value'), rowHeads(1, hidden, 0, h), batch, 1, heads, h, bias, 2 * hidden);

    const beamWidth = beamT ? readScalar(beamT) : 1;
    let sourceEntry = (e: number, _t: number) => e;
    if (beamWidth > 1) {
      if (!indirT) fail('cache_indirection is required when beam_width > 1', 'cache_indirection');
      const d = indirT.dims;
      if (batch % beamWidth !== 0 || d.length !== 3 || d[0] * d[1] !== batch || d[1] !== beamWidth || d[2] < total) {
        fail(`cache_indirection must be (${batch / beamWidth}, ${beamWidth}, max sequence >= ${total}), got [${d}]`, 'cache_indirection');
      }
      const indir = readInts(indirT);
      const maxLen = d[2];
      sourceEntry = (e: number, t: number) => {
        const beam = indir[e * maxLen + t];
        if (beam < 0 || beam >= beamWidth) fail(`cache_indirection names beam ${beam} of ${beamWidth}`, 'cache_indirection');
        return Math.floor(e / beamWidth) * beamWidth + beam;
      };
    }
    const cache = { pastLen, pastRows, presentRows };
    const keys = selfAttentionRows(floatData(pastK, 'past_key'), kNew, batch, heads, h, cache, sourceEntry);
    const values = selfAttentionRows(floatData(pastV, 'past_value'), vNew, batch, heads, h, cache, sourceEntry);

    if (maskT && maskT.dims.length !== 2) fail(`mask_index must be a (batch, total sequence) key padding mask, got [${maskT.dims}]`, 'mask_index');
    const mask = maskScores(OP, 'mask_index', maskT, { batch, qLen: 1, totalLen: total, pastLen, filterValue, causal: false });
    const biasView = attnBias && attentionBiasView(OP, attnBias, floatData(attnBias, 'attention_bias'), batch, heads, 1, total);
    const scoresOut = qkOut ? new Float64Array(batch * heads * total) : undefined;
    const y = maskedAttention({
      batch, heads, qLen: 1, totalLen: total, headSize: h, vHeadSize: h, q, k: keys.rows, v: values.rows, scale, mask, bias: biasView, scoresOut,
    });
    const type = query.type;
    return [
      floatTensor(type, y, [batch, 1, hidden]),
      want[0] ? floatTensor(type, keys.present, [batch, heads, presentRows, h]) : null,
      want[1] ? floatTensor(type, values.present, [batch, heads, presentRows, h]) : null,
      scoresOut ? floatTensor(type, scoresOut, [batch, heads, 1, total]) : null,
    ];
  };
}, MICROSOFT_DOMAIN);
