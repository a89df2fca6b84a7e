// com.microsoft GroupQueryAttention: the decoder attention of onnxruntime-genai's LLM exports.
// Fewer K/V heads than Q heads, a (batch, kv heads, sequence, head size) KV cache whose valid
// length per batch entry comes from seqlens_k (total length - 1), rotary embedding fused in,
// causal masking with an optional sliding window, softcap and attention sinks. The first
// prompt (sequence length == total_sequence_length) starts from an empty cache; later calls
// append the new tokens after each entry's past.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { gatherHeads, rowHeads } from './attention-heads.js';
import { attentionBiasView } from './attention-mask.js';
import { appendToCache } from './kv-cache.js';
import { rotateHead } from '../helpers/rotary-rows.js';
import { scaledDotAttention } from './scaled-dot-attention.js';
import { checkedOutputShape } from '../helpers/output-shape.js';

const OP = 'GroupQueryAttention';

function fail(message: string, input: string): never {
  throw new InvalidInputError(`${OP}: ${message}`, input);
}

function sameType(t: Tensor, q: Tensor, what: string): void {
  if (t.type !== q.type) fail(`${what} must be ${q.type} like query, got ${t.type}`, what);
}

/** Rotates every head of a (batch, heads, seq, head size) array at its token's position. */
function rotateAll(
  x: Float32Array, batch: number, heads: number, seq: number, headSize: number,
  position: (b: number, s: number) => number, caches: Parameters<typeof rotateHead>[3], interleaved: boolean,
): void {
  for (let b = 0; b < batch; b++) {
    for (let n = 0; n < heads; n++) {
      for (let s = 0; s < seq; s++) rotateHead(x, ((b * heads + n) * seq + s) * headSize, position(b, s), caches, interleaved);
    }
  }
}

export const GroupQueryAttention: OpDefinition = defineOp(OP, 1, (ctx) => {
  const { attrs } = ctx;
  const heads = attrs.required('num_heads', attrs.int('num_heads'));
  const kvHeads = attrs.required('kv_num_heads', attrs.int('kv_num_heads'));
  if (heads <= 0) throw attrs.error(`num_heads must be positive, got ${heads}`, 'num_heads');
  if (kvHeads <= 0 || heads % kvHeads !== 0) {
    throw attrs.error(`kv_num_heads must be a positive divisor of num_heads ${heads}, got ${kvHeads}`, 'kv_num_heads');
  }
  const scaleAttr = attrs.float('scale', 0);
  const softcap = attrs.float('softcap', 0);
  if (softcap < 0) throw attrs.error(`softcap must be >= 0, got ${softcap}`, 'softcap');
  const doRotary = attrs.int('do_rotary', 0) !== 0;
  const interleaved = attrs.int('rotary_interleaved', 0) !== 0;
  const localWindow = attrs.int('local_window_size', -1);
  const causal = attrs.int('causal', 1);
  if (causal !== 0 && causal !== 1) throw attrs.error(`causal must be 0 or 1, got ${causal}`, 'causal');
  if (localWindow === 0 || localWindow < -1) throw attrs.error(`local_window_size must be -1 or positive, got ${localWindow}`, 'local_window_size');
  if (causal === 0 && localWindow !== -1) throw attrs.error('local_window_size must be -1 when causal is 0', 'local_window_size');
  const smoothSoftmax = attrs.int('smooth_softmax', 0) !== 0;
  const qkOutput = attrs.int('qk_output', 0);
  if (qkOutput < 0 || qkOutput > 2) throw attrs.error(`qk_output must be 0, 1 or 2, got ${qkOutput}`, 'qk_output');
  if (attrs.int('sliding_window_cache', 0) !== 0) {
    throw attrs.error('sliding_window_cache (window-sized KV buffers) is not supported', 'sliding_window_cache');
  }
  for (const a of ['k_quant_type', 'v_quant_type']) {
    const t = attrs.string(a, 'NONE');
    if (t !== 'NONE') throw attrs.error(`${a} ${t} is not supported: the KV cache must be unquantized`, a);
  }
  const want = [1, 2].map((i) => outputRequested(ctx.node, i));
  const wantQk = outputRequested(ctx.node, 3);
  if (wantQk && qkOutput === 0) throw attrs.error('output_qk is requested but qk_output is 0', 'qk_output');

  return (inputs) => {
    const query = tensorInput(inputs, 0, `${OP} query`);
    const key = optionalTensorInput(inputs, 1);
    const value = optionalTensorInput(inputs, 2);
    const pastK = optionalTensorInput(inputs, 3);
    const pastV = optionalTensorInput(inputs, 4);
    const seqlensT = tensorInput(inputs, 5, `${OP} seqlens_k`);
    const totalT = tensorInput(inputs, 6, `${OP} total_sequence_length`);
    const cosT = optionalTensorInput(inputs, 7);
    const sinT = optionalTensorInput(inputs, 8);
    const positionT = optionalTensorInput(inputs, 9);
    const attnBias = optionalTensorInput(inputs, 10);
    const headSinkT = optionalTensorInput(inputs, 11);
    for (const [i, what] of [[12, 'k_scale'], [13, 'v_scale'], [14, 'q_norm_weight'], [15, 'k_norm_weight']] as const) {
      if (optionalTensorInput(inputs, i)) fail(`${what} is not supported (no quantized KV cache or fused Q/K norm)`, what);
    }

    if (query.dims.length !== 3) fail(`query must be 3-D (batch, sequence, hidden), got [${query.dims}]`, 'query');
    const [batch, seq, width] = query.dims;
    const packed = !key;
    if (!key !== !value) fail('key and value must be given together, or both omitted for packed QKV', key ? 'value' : 'key');
    const headSize = packed ? width / (heads + 2 * kvHeads) : width / heads;
    if (!Number.isInteger(headSize)) {
      fail(`query width ${width} is not ${packed ? `(num_heads + 2 * kv_num_heads) = ${heads + 2 * kvHeads}` : `num_heads ${heads}`} times a head size`, 'query');
    }
    const kvHidden = kvHeads * headSize;
    for (const [t, what] of [[key, 'key'], [value, 'value']] as const) {
      if (!t) continue;
      sameType(t, query, what);
      if (t.dims.length !== 3 || t.dims[0] !== batch || t.dims[1] !== seq || t.dims[2] !== kvHidden) {
        fail(`${what} must be (${batch}, ${seq}, ${kvHidden}), got [${t.dims}]`, what);
      }
    }
    if (!pastK !== !pastV) fail('past_key and past_value must be given together', pastK ? 'past_value' : 'past_key');
    const pastRows = pastK ? pastK.dims[2] : 0;
    for (const [t, what] of [[pastK, 'past_key'], [pastV, 'past_value']] as const) {
      if (!t) continue;
      if (t.type !== query.type) fail(`${what} must be ${query.type} like query (quantized caches are not supported), got ${t.type}`, what);
      const d = t.dims;
      if (d.length !== 4 || d[0] !== batch || d[1] !== kvHeads || d[2] !== pastRows || d[3] !== headSize) {
        fail(`${what} must be (${batch}, ${kvHeads}, past sequence, ${headSize}), got [${d}]`, what);
      }
    }
    if (seqlensT.type !== 'int32' || seqlensT.size !== batch) fail(`seqlens_k must be int32 of shape (${batch}), got ${seqlensT.type} [${seqlensT.dims}]`, 'seqlens_k');
    if (totalT.type !== 'int32' || totalT.size !== 1) fail(`total_sequence_length must be an int32 scalar, got ${totalT.type} [${totalT.dims}]`, 'total_sequence_length');
    const totalSeq = readInts(totalT)[0];
    const seqlens = readInts(seqlensT);
    const presentRows = Math.max(totalSeq, pastRows);
    // total_sequence_length is data: the caches (and the optional qk output) it sizes are checked first
    checkedOutputShape([batch, kvHeads, presentRows, headSize], 'float32', `${OP} present_key`);
    if (wantQk) checkedOutputShape([batch, heads, seq, totalSeq], 'float64', `${OP} output_qk`);
    const firstPrompt = seq === totalSeq;
    const totals = seqlens.map((s) => s + 1);
    const pastLens = totals.map((t) => (firstPrompt ? 0 : t - seq));
    for (let b = 0; b < batch; b++) {
      if (totals[b] > totalSeq || totals[b] < 1) fail(`seqlens_k[${b}] = ${seqlens[b]} is outside [0, total_sequence_length ${totalSeq})`, 'seqlens_k');
      if (pastLens[b] < 0 || pastLens[b] > pastRows) {
        fail(`seqlens_k[${b}] = ${seqlens[b]} leaves ${pastLens[b]} past positions for ${seq} new tokens, but past_key holds ${pastRows}`, 'seqlens_k');
      }
    }

    const q = gatherHeads(floatData(query, 'query'), rowHeads(seq, width, 0, headSize), batch, seq, heads, headSize);
    const kvSource = packed ? floatData(query, 'query') : undefined;
    const kNew = packed
      ? gatherHeads(kvSource!, rowHeads(seq, width, heads * headSize, headSize), batch, seq, kvHeads, headSize)
      : gatherHeads(floatData(key!, 'key'), rowHeads(seq, kvHidden, 0, headSize), batch, seq, kvHeads, headSize);
    const vNew = packed
      ? gatherHeads(kvSource!, rowHeads(seq, width, (heads + kvHeads) * headSize, headSize), batch, seq, kvHeads, headSize)
      : gatherHeads(floatData(value!, 'value'), rowHeads(seq, kvHidden, 0, headSize), batch, seq, kvHeads, headSize);

    if (doRotary) {
      if (!cosT || !sinT) fail('do_rotary needs cos_cache and sin_cache', cosT ? 'sin_cache' : 'cos_cache');
      for (const [t, what] of [[cosT, 'cos_cache'], [sinT, 'sin_cache']] as const) {
        sameType(t, query, what);
        if (t.dims.length !== 2 || t.dims[0] !== cosT.dims[0] || t.dims[1] !== cosT.dims[1] || 2 * t.dims[1] > headSize) {
          fail(`${what} must be (max positions, rotary dim / 2) with rotary dim <= head size ${headSize}, got [${t.dims}]`, what);
        }
      }
      const caches = { cos: floatData(cosT, 'cos_cache'), sin: floatData(sinT, 'sin_cache'), rows: cosT.dims[0], half: cosT.dims[1] };
      let positions: number[] | undefined;
      if (positionT) {
        if (positionT.dims.length !== 2 || positionT.dims[0] !== batch || positionT.dims[1] !== seq) {
          fail(`position_ids must be (${batch}, ${seq}), got [${positionT.dims}]`, 'position_ids');
        }
        positions = readInts(positionT);
      }
      const position = (b: number, s: number) => {
        // a first prompt's positions count up from the tensor's first one, as onnxruntime reads them
        const p = positions ? (firstPrompt ? positions[0] + s : positions[b * seq + s]) : pastLens[b] + s;
        if (p < 0 || p >= caches.rows) fail(`position ${p} is outside the rotary caches' ${caches.rows} rows`, positions ? 'position_ids' : 'cos_cache');
        return p;
      };
      rotateAll(q, batch, heads, seq, headSize, position, caches, interleaved);
      rotateAll(kNew, batch, kvHeads, seq, headSize, position, caches, interleaved);
    }

    const append = { batch, heads: kvHeads, headSize, pastRows, pastLength: (b: number) => pastLens[b], newRows: seq, presentRows };
    const pastKData = pastK && floatData(pastK, 'past_key');
    const pastVData = pastV && floatData(pastV, 'past_value');
    const k = appendToCache(pastKData, kNew, append);
    const v = appendToCache(pastVData, vNew, append);

    if (attnBias) sameType(attnBias, query, 'attention_bias');
    const bias = attnBias && attentionBiasView(OP, attnBias, floatData(attnBias, 'attention_bias'), batch, heads, seq, totalSeq);
    let sinks: ArrayLike<number> | undefined;
    if (headSinkT) {
      sameType(headSinkT, query, 'head_sink');
      if (headSinkT.size !== heads) fail(`head_sink must be (${heads}), got [${headSinkT.dims}]`, 'head_sink');
      sinks = floatData(headSinkT, 'head_sink');
    }
    // a causal row sees the keys up to its own position; a local window only the last
    // local_window_size of those, its own included
    const keyRange = (b: number, i: number): [number, number] => {
      const end = causal ? Math.min(pastLens[b] + i + 1, totals[b]) : totals[b];
      return [localWindow > 0 && end > localWindow ? end - localWindow : 0, end];
    };
    // the qk output holds 0 for keys the row does not see, before softmax as after it
    const qk = wantQk ? new Float64Array(batch * heads * seq * totalSeq) : undefined;
    const keepQk = (b: number, n: number, i: number, row: Float64Array, start: number, end: number) => {
      const o = ((b * heads + n) * seq + i) * totalSeq;
      for (let j = start; j < end; j++) qk![o + j] = row[j];
    };
    const y = scaledDotAttention({
      batch, heads, kvHeads, qLen: seq, headSize, vHeadSize: headSize, q, k, v, kvRows: presentRows,
      scale: scaleAttr !== 0 ? scaleAttr : 1 / Math.sqrt(headSize), softcap,
      keyRange,
      addToScores: bias ? (b, n, i, row, start, end) => {
        const o = b * bias.batchStride + n * bias.headStride + i * totalSeq;
        for (let j = start; j < end; j++) row[j] += bias.data[o + j];
      } : undefined,
      sink: sinks ? (n) => sinks![n] : smoothSoftmax ? () => 0 : undefined,
      onScores: qk && qkOutput === 1 ? keepQk : undefined,
      onProbabilities: qk && qkOutput === 2 ? keepQk : undefined,
    });
    const type = query.type;
    return [
      floatTensor(type, y, [batch, seq, heads * headSize]),
      want[0] ? floatTensor(type, k, [batch, kvHeads, presentRows, headSize]) : null,
      want[1] ? floatTensor(type, v, [batch, kvHeads, presentRows, headSize]) : null,
      qk ? floatTensor(type, qk, [batch, heads, seq, totalSeq]) : null,
    ];
  };
}, MICROSOFT_DOMAIN);
