import { dataTypeFromCode } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { type FloatArray, floatData, floatTensor } from '../helpers/float-data.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import { attentionBias } from './attention-bias.js';
import { roundToType } from './round-to-type.js';

/** Q, K or V as [batch][heads][seq][headSize], from a 4-D input or a 3-D [batch][seq][heads * headSize] one. */
function headsFirst(t: Tensor, heads: number | undefined, what: string): { data: Float64Array; dims: number[] } {
  const v = floatData(t, what);
  if (t.dims.length === 4) return { data: Float64Array.from(v), dims: [...t.dims] };
  if (t.dims.length !== 3) throw new InvalidInputError(`${what} must be 3-D or 4-D, got shape [${t.dims}]`);
  const [b, s, hidden] = t.dims;
  if (!heads || hidden % heads !== 0) {
    throw new InvalidInputError(`${what}: hidden size ${hidden} is not divisible by the head count ${heads}`);
  }
  const d = hidden / heads;
  const out = new Float64Array(t.size);
  for (let bi = 0; bi < b; bi++) {
    for (let si = 0; si < s; si++) {
      for (let h = 0; h < heads; h++) {
        const src = ((bi * s + si) * heads + h) * d;
        out.set(v.subarray(src, src + d), ((bi * heads + h) * s + si) * d);
      }
    }
  }
  return { data: out, dims: [b, heads, s, d] };
}

/** past (if any) then current along the sequence axis of [batch][heads][seq][d]. */
function concatSequence(past: FloatArray | undefined, pastLen: number, cur: Float64Array, dims: number[]): Float64Array {
  const [b, h, s, d] = dims;
  if (!past) return cur;
  const total = pastLen + s;
  const out = new Float64Array(b * h * total * d);
  for (let bh = 0; bh < b * h; bh++) {
    out.set(past.subarray(bh * pastLen * d, (bh + 1) * pastLen * d), bh * total * d);
    out.set(cur.subarray(bh * s * d, (bh + 1) * s * d), (bh * total + pastLen) * d);
  }
  return out;
}

/**
 * Scaled dot-product attention (opsets 23-25):
 *   scores = (Q K^T) * scale -> softcap -> + bias (mask, causal, window, padding) -> softmax -> * V
 * with an optional in-op KV cache (past/present), grouped-query heads (each KV head serves
 * q_num_heads / kv_num_heads consecutive query heads), and a query row with no attendable
 * key producing zeros. qk_matmul_output_mode picks the stage exposed as the 4th output:
 * 0 scores, 1 after softcap, 2 after the bias, 3 the probabilities.
 */
function attention(since: number) {
  return defineOp('Attention', since, (ctx) => {
    const { attrs } = ctx;
    const isCausal = attrs.int('is_causal', 0) !== 0;
    const qHeadsAttr = attrs.int('q_num_heads');
    const kvHeadsAttr = attrs.int('kv_num_heads');
    const scaleAttr = attrs.float('scale');
    const softcap = attrs.float('softcap', 0);
    const mode = attrs.int('qk_matmul_output_mode', 0);
    if (mode < 0 || mode > 3) throw attrs.error(`qk_matmul_output_mode must be 0-3, got ${mode}`, 'qk_matmul_output_mode');
    const precision = attrs.int('softmax_precision');
    const softmaxType = precision === undefined ? undefined : dataTypeFromCode(precision);
    if (precision !== undefined && !['float32', 'float16', 'float64', 'bfloat16'].includes(softmaxType ?? '')) {
      throw attrs.error(`softmax_precision must be 1, 10, 11 or 16, got ${precision}`, 'softmax_precision');
    }
    const leftWindow = since >= 25 ? attrs.int('left_window_size', -1) : -1;
    const rightWindow = since >= 25 ? attrs.int('right_window_size', -1) : -1;
    if (leftWindow < -1 || rightWindow < -1) throw attrs.error('window sizes must be -1 or nonnegative');
    const want = [1, 2, 3].map((i) => outputRequested(ctx.node, i));

    return (inputs) => {
      const qT = tensorInput(inputs, 0, 'Q');
      const kT = tensorInput(inputs, 1, 'K');
      const vT = tensorInput(inputs, 2, 'V');
      const rank = qT.dims.length;
      if (kT.dims.length !== rank || vT.dims.length !== rank) {
        throw new InvalidInputError(`Q, K and V must have the same rank, got [${qT.dims}], [${kT.dims}], [${vT.dims}]`);
      }
      if (rank === 3 && (qHeadsAttr === undefined || kvHeadsAttr === undefined)) {
        throw new InvalidInputError('3-D Q, K and V need the q_num_heads and kv_num_heads attributes');
      }
      if (rank === 4 && ((qHeadsAttr !== undefined && qHeadsAttr !== qT.dims[1]) || (kvHeadsAttr !== undefined && kvHeadsAttr !== kT.dims[1]))) {
        throw new InvalidInputError(`q_num_heads/kv_num_heads (${qHeadsAttr}/${kvHeadsAttr}) disagree with the 4-D inputs [${qT.dims}] and [${kT.dims}]`);
      }
      const q = headsFirst(qT, qHeadsAttr, 'Q');
      const k = headsFirst(kT, kvHeadsAttr, 'K');
      const v = headsFirst(vT, kvHeadsAttr, 'V');
      const [batch, qHeads, qLen, headSize] = q.dims;
      const [, kvHeads, kvLen, kHead] = k.dims;
      const vHead = v.dims[3];
      if (k.dims[0] !== batch || v.dims[0] !== batch || v.dims[1] !== kvHeads || v.dims[2] !== kvLen) {
        throw new InvalidInputError(`K [${kT.dims}] and V [${vT.dims}] do not match Q [${qT.dims}]`);
      }
      if (kHead !== headSize) throw new InvalidInputError(`Q and K head sizes differ (${headSize} vs ${kHead})`);
      if (qHeads % kvHeads !== 0) {
        throw new InvalidInputError(`q_num_heads ${qHeads} must be a multiple of kv_num_heads ${kvHeads}`);
      }
      const pastK = optionalTensorInput(inputs, 4);
      const pastV = optionalTensorInput(inputs, 5);
      if (!pastK !== !pastV) throw new InvalidInputError('past_key and past_value must be given together');
      const pastLen = pastK ? pastK.dims[2] : 0;
      if (pastK && (pastK.dims.length !== 4 || pastK.dims[0] !== batch || pastK.dims[1] !== kvHeads || pastK.dims[3] !== headSize)) {
        throw new InvalidInputError(`past_key must have shape [${batch}, ${kvHeads}, past, ${headSize}], got [${pastK.dims}]`);
      }
      if (pastV && (pastV.dims.length !== 4 || pastV.dims[0] !== batch || pastV.dims[1] !== kvHeads || pastV.dims[2] !== pastLen || pastV.dims[3] !== vHead)) {
        throw new InvalidInputError(`past_value must have shape [${batch}, ${kvHeads}, ${pastLen}, ${vHead}], got [${pastV.dims}]`);
      }
      const nonpadT = optionalTensorInput(inputs, 6);
      if (nonpadT && pastK) throw new InvalidInputError('nonpad_kv_seqlen cannot be combined with past_key/past_value');
      const total = pastLen + kvLen;
      const keys = concatSequence(pastK && floatData(pastK, 'past_key'), pastLen, k.data, k.dims);
      const values = concatSequence(pastV && floatData(pastV, 'past_value'), pastLen, v.data, v.dims);

      let nonpad: Int32Array | undefined;
      if (nonpadT) {
        if (nonpadT.size !== batch) throw new InvalidInputError(`nonpad_kv_seqlen must have shape [${batch}], got [${nonpadT.dims}]`);
        nonpad = Int32Array.from(readInts(nonpadT));
      }
      // keys before the query block: the cache length, or per batch for an external cache
      const offsets = new Int32Array(batch).fill(pastLen);
      if (nonpad) for (let b = 0; b < batch; b++) offsets[b] = nonpad[b] - qLen;
      const biasRow = attentionBias({
        batch, heads: qHeads, qLen, total, mask: optionalTensorInput(inputs, 3), isCausal,
        leftWindow, rightWindow, offsets, nonpad,
      });

      const scale = scaleAttr ?? 1 / Math.sqrt(headSize);
      const outType = qT.type;
      const y = new Float64Array(batch * qHeads * qLen * vHead);
      const qk = want[2] ? new Float64Array(batch * qHeads * qLen * total) : undefined;
      const scores = new Float64Array(qLen * total);
      const bias = new Float64Array(total);
      const group = qHeads / kvHeads;
      for (let b = 0; b < batch; b++) {
        for (let h = 0; h < qHeads; h++) {
          const kvh = b * kvHeads + Math.floor(h / group);
          const qOff = (b * qHeads + h) * qLen * headSize;
          matmulF64(q.data, qOff, keys, kvh * total * headSize, scores, 0, qLen, headSize, total, true);
          for (let i = 0; i < qLen; i++) {
            const r = i * total;
            const qkRow = ((b * qHeads + h) * qLen + i) * total;
            for (let j = r; j < r + total; j++) scores[j] *= scale;
            if (qk && mode === 0) qk.set(scores.subarray(r, r + total), qkRow);
            if (softcap > 0) for (let j = r; j < r + total; j++) scores[j] = softcap * Math.tanh(scores[j] / softcap);
            if (qk && mode === 1) qk.set(scores.subarray(r, r + total), qkRow);
            biasRow(b, h, i, bias);
            let attendable = false;
            for (let j = 0; j < total; j++) {
              scores[r + j] += bias[j];
              if (bias[j] !== -Infinity) attendable = true;
            }
            if (qk && mode === 2) qk.set(scores.subarray(r, r + total), qkRow);
            if (softmaxType) roundToType(scores, r, total, softmaxType);
            softmaxMasked(scores, r, total, bias, attendable);
            // the probabilities reach the second matmul in the output precision
            roundToType(scores, r, total, outType);
            if (qk && mode === 3) qk.set(scores.subarray(r, r + total), qkRow);
          }
          matmulF64(scores, 0, values, kvh * total * vHead, y, (b * qHeads + h) * qLen * vHead, qLen, total, vHead);
        }
      }
      let yOut = y;
      let yDims = [batch, qHeads, qLen, vHead];
      if (rank === 3) {
        yOut = new Float64Array(y.length);
        for (let b = 0; b < batch; b++) {
          for (let h = 0; h < qHeads; h++) {
            for (let i = 0; i < qLen; i++) {
              const src = ((b * qHeads + h) * qLen + i) * vHead;
              yOut.set(y.subarray(src, src + vHead), ((b * qLen + i) * qHeads + h) * vHead);
            }
          }
        }
        yDims = [batch, qLen, qHeads * vHead];
      }
      return [
        floatTensor(outType, yOut, yDims),
        want[0] ? floatTensor(kT.type, keys, [batch, kvHeads, total, headSize]) : null,
        want[1] ? floatTensor(vT.type, values, [batch, kvHeads, total, vHead]) : null,
        qk ? floatTensor(outType, qk, [batch, qHeads, qLen, total]) : null,
      ];
    };
  });
}

/**
 * Softmax of one score row in place. Keys whose bias is -inf get probability 0 whatever
 * their score (so a NaN or infinite score there cannot leak in), and a row with no
 * attendable key is all zeros.
 */
function softmaxMasked(row: Float64Array, off: number, len: number, bias: Float64Array, attendable: boolean): void {
  if (!attendable) {
    row.fill(0, off, off + len);
    return;
  }
  let max = -Infinity;
  for (let j = 0; j < len; j++) if (bias[j] !== -Infinity && row[off + j] > max) max = row[off + j];
  let sum = 0;
  for (let j = 0; j < len; j++) {
    const e = bias[j] === -Infinity ? 0 : Math.exp(row[off + j] - max);
    row[off + j] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let j = off; j < off + len; j++) row[j] *= inv;
}

export const Attention = [23, 24, 25].map(attention);
