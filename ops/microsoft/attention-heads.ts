// Attention operands arrive in many layouts: (batch, sequence, hidden) rows, packed QKV or KV
// rows, BERT-style projections. The attention loops read one layout, (batch, heads, sequence,
// head size) ("BNSH"), so each op first gathers its Q, K and V heads into it.

/** Where element (b, s, n, h) of an operand sits: base + b * batch + s * seq + n * head + h. */
export interface HeadStrides {
  base: number;
  batch: number;
  seq: number;
  head: number;
}

/** Rows of `rowSize` values per token, head n starting at `base + n * headStride`. */
export function rowHeads(seqLen: number, rowSize: number, base: number, headStride: number): HeadStrides {
  return { base, batch: seqLen * rowSize, seq: rowSize, head: headStride };
}

/** A tensor already in (batch, heads, sequence, head size). */
export function bnshHeads(heads: number, seqLen: number, headSize: number): HeadStrides {
  return { base: 0, batch: heads * seqLen * headSize, seq: headSize, head: seqLen * headSize };
}

/**
 * Copies heads into a new (batch, heads, sequence, head size) array, adding
 * `bias[biasOffset + n * headSize + h]` when a bias is given. Float32 like onnxruntime's own
 * buffers, so values written to present_key/present_value round the same way.
 */
export function gatherHeads(
  src: ArrayLike<number>, at: HeadStrides, batch: number, seqLen: number, heads: number, headSize: number,
  bias?: ArrayLike<number>, biasOffset = 0,
): Float32Array {
  const out = new Float32Array(batch * heads * seqLen * headSize);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let n = 0; n < heads; n++) {
      for (let s = 0; s < seqLen; s++) {
        const from = at.base + b * at.batch + s * at.seq + n * at.head;
        if (bias) {
          const bo = biasOffset + n * headSize;
          for (let h = 0; h < headSize; h++) out[o++] = src[from + h] + bias[bo + h];
        } else {
          for (let h = 0; h < headSize; h++) out[o++] = src[from + h];
        }
      }
    }
  }
  return out;
}
