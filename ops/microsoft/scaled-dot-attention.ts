// The attention loop under every com.microsoft attention op: per (batch, head, query row),
// scores = scale * q·k over the keys, optionally soft-capped, plus what the op adds (masks,
// attention_bias), softmax over the keys the row may see, then the weighted sum of values.
// K and V heads may be fewer than Q heads (grouped-query attention: query head n reads kv
// head n / (heads / kvHeads)). Keys a row cannot see (causal, sliding window) are never
// scored. Accumulates in float64; one score row at a time.

export interface AttentionProblem {
  batch: number;
  heads: number;
  kvHeads: number;
  qLen: number;
  headSize: number;
  vHeadSize: number;
  /** Q as (batch, heads, qLen, headSize). */
  q: ArrayLike<number>;
  /** K and V as (batch, kvHeads, kvRows, headSize | vHeadSize). */
  k: ArrayLike<number>;
  v: ArrayLike<number>;
  kvRows: number;
  scale: number;
  /**
   * The keys row i of batch entry b attends, [start, end) (default all kvRows): only these
   * are scored, the others get probability 0.
   */
  keyRange?: (b: number, i: number) => readonly [number, number];
  /** Adds to the scaled scores row[start, end) of row (b, n, i) in place (masks, attention_bias). */
  addToScores?: (b: number, n: number, i: number, row: Float64Array, start: number, end: number) => void;
  /** softcap * tanh(score / softcap) on the scaled scores, before addToScores, when > 0. */
  softcap?: number;
  /**
   * An extra logit per head that joins the softmax denominator but weighs no value (smooth
   * softmax: 0; attention sinks: a learned value per head).
   */
  sink?: (n: number) => number;
  /** See each row's scores just before softmax, and its probabilities after (row[start, end) only). */
  onScores?: (b: number, n: number, i: number, row: Float64Array, start: number, end: number) => void;
  onProbabilities?: (b: number, n: number, i: number, row: Float64Array, start: number, end: number) => void;
}

/** Output as (batch, qLen, heads * vHeadSize), the merged-heads layout every op returns. */
export function scaledDotAttention(p: AttentionProblem): Float64Array {
  const { batch, heads, kvHeads, qLen, headSize: d, vHeadSize: dv, q, k, v, kvRows, scale } = p;
  const group = heads / kvHeads;
  const out = new Float64Array(batch * qLen * heads * dv);
  const row = new Float64Array(kvRows);
  for (let b = 0; b < batch; b++) {
    for (let n = 0; n < heads; n++) {
      const kvBase = (b * kvHeads + Math.floor(n / group)) * kvRows;
      for (let i = 0; i < qLen; i++) {
        const [start, end] = p.keyRange ? p.keyRange(b, i) : [0, kvRows];
        const qOff = ((b * heads + n) * qLen + i) * d;
        for (let j = start; j < end; j++) {
          const kOff = (kvBase + j) * d;
          let s = 0;
          for (let t = 0; t < d; t++) s += q[qOff + t] * k[kOff + t];
          row[j] = s * scale;
        }
        if (p.softcap && p.softcap > 0) {
          for (let j = start; j < end; j++) row[j] = p.softcap * Math.tanh(row[j] / p.softcap);
        }
        p.addToScores?.(b, n, i, row, start, end);
        p.onScores?.(b, n, i, row, start, end);
        softmaxRange(row, start, end, p.sink?.(n));
        p.onProbabilities?.(b, n, i, row, start, end);
        const oOff = ((b * qLen + i) * heads + n) * dv;
        for (let j = start; j < end; j++) {
          const w = row[j];
          if (w === 0) continue;
          const vOff = (kvBase + j) * dv;
          for (let t = 0; t < dv; t++) out[oOff + t] += w * v[vOff + t];
        }
      }
    }
  }
  return out;
}

/** Softmax of row[start, end) in place, with an optional sink logit that takes probability but weighs no value. */
export function softmaxRange(row: Float64Array, start: number, end: number, sink?: number): void {
  let max = sink ?? -Infinity;
  for (let j = start; j < end; j++) if (row[j] > max) max = row[j];
  let sum = sink === undefined ? 0 : Math.exp(sink - max);
  for (let j = start; j < end; j++) {
    const e = Math.exp(row[j] - max);
    row[j] = e;
    sum += e;
  }
  for (let j = start; j < end; j++) row[j] /= sum;
}
