// The attention step Attention, MultiHeadAttention and DecoderMaskedMultiHeadAttention share
// once their Q, K and V heads are gathered: scores over all past + new keys with the additive
// padding/causal mask and attention_bias, softmax over every key (masked ones weigh ~0), and
// optionally the pre-softmax scores as an output.
import type { BiasView } from './attention-mask.js';
import { scaledDotAttention } from './scaled-dot-attention.js';

export interface MaskedAttention {
  batch: number;
  heads: number;
  qLen: number;
  totalLen: number;
  headSize: number;
  vHeadSize: number;
  /** (batch, heads, qLen, headSize) and (batch, heads, totalLen, headSize | vHeadSize). */
  q: ArrayLike<number>;
  k: ArrayLike<number>;
  v: ArrayLike<number>;
  scale: number;
  /** Additive (batch, qLen, totalLen), from maskScores. */
  mask?: Float64Array;
  bias?: BiasView;
  /** Receives the masked, biased scores before softmax as (batch, heads, qLen, totalLen). */
  scoresOut?: Float64Array;
}

/** Output as (batch, qLen, heads * vHeadSize). */
export function maskedAttention(a: MaskedAttention): Float64Array {
  const { qLen, totalLen, mask, bias, scoresOut } = a;
  return scaledDotAttention({
    batch: a.batch, heads: a.heads, kvHeads: a.heads, qLen, headSize: a.headSize, vHeadSize: a.vHeadSize,
    q: a.q, k: a.k, v: a.v, kvRows: totalLen, scale: a.scale,
    addToScores: mask || bias ? (b, n, i, row) => {
      if (bias) {
        const o = b * bias.batchStride + n * bias.headStride + i * totalLen;
        for (let j = 0; j < totalLen; j++) row[j] += bias.data[o + j];
      }
      if (mask) {
        const o = (b * qLen + i) * totalLen;
        for (let j = 0; j < totalLen; j++) row[j] += mask[o + j];
      }
    } : undefined,
    onScores: scoresOut ? (b, n, i, row) => {
      scoresOut.set(row.subarray(0, totalLen), ((b * a.heads + n) * qLen + i) * totalLen);
    } : undefined,
  });
}
