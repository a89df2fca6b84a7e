// The padding masks of Attention (mask_index) and MultiHeadAttention (key_padding_mask) as one
// additive (batch, qLen, totalLen) term for the scores, as onnxruntime builds it: a masked key
// gets mask_filter_value added (-10000 by default, so a row with every key masked still
// averages them all, like onnxruntime's), and a causal mask hides later keys outright.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { readInts } from '../helpers/values.js';

/** float32's lowest value, which onnxruntime writes for keys a causal mask hides. */
export const FLOAT_LOWEST = -3.4028234663852886e38;

export interface MaskGeometry {
  batch: number;
  qLen: number;
  /** Keys per row: past + new. */
  totalLen: number;
  pastLen: number;
  filterValue: number;
  /** Query i sees keys up to pastLen + i only. */
  causal: boolean;
}

/**
 * The mask forms onnxruntime's CPU kernels take: (batch) end positions (right padding);
 * (2 * batch) end positions then start positions (left padding); (3 * batch + 2), key
 * lengths followed by cumulative offsets that only packed (GPU) kernels read; raw 0/1 masks
 * of (batch, totalLen) or (batch, qLen, totalLen). `what` names the input for errors.
 */
export function maskScores(op: string, what: string, mask: Tensor | undefined, g: MaskGeometry): Float64Array | undefined {
  if (!mask && !g.causal) return undefined;
  const { batch, qLen, totalLen, filterValue } = g;
  const out = new Float64Array(batch * qLen * totalLen);
  if (mask) {
    if (mask.type !== 'int32') throw new InvalidInputError(`${op}: ${what} must be int32, got ${mask.type}`, what);
    const m = readInts(mask);
    const dims = mask.dims;
    if (dims.length === 3 && dims[0] === batch && dims[1] === qLen && dims[2] === totalLen) {
      for (let i = 0; i < out.length; i++) out[i] = m[i] > 0 ? 0 : filterValue;
    } else if (dims.length === 2 && dims[0] === batch && dims[1] === totalLen) {
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < qLen; i++) {
          const o = (b * qLen + i) * totalLen;
          for (let j = 0; j < totalLen; j++) out[o + j] = m[b * totalLen + j] > 0 ? 0 : filterValue;
        }
      }
    } else if (dims.length === 1 && (dims[0] === batch || dims[0] === 2 * batch || dims[0] === 3 * batch + 2)) {
      const withStart = dims[0] === 2 * batch;
      for (let b = 0; b < batch; b++) {
        const end = m[b];
        const start = withStart ? Math.min(m[batch + b], totalLen) : 0;
        for (let i = 0; i < qLen; i++) {
          const o = (b * qLen + i) * totalLen;
          for (let j = 0; j < totalLen; j++) if (j >= end || j < start) out[o + j] = filterValue;
        }
      }
    } else {
      throw new InvalidInputError(
        `${op}: ${what} must be (${batch}), (${2 * batch}), (${3 * batch + 2}), (${batch}, ${totalLen}) or (${batch}, ${qLen}, ${totalLen}), got [${dims}]`,
        what, `[${batch}, ${totalLen}]`, `[${dims}]`,
      );
    }
  }
  if (g.causal) {
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < qLen; i++) {
        const o = (b * qLen + i) * totalLen;
        for (let j = g.pastLen + i + 1; j < totalLen; j++) out[o + j] = FLOAT_LOWEST;
      }
    }
  }
  return out;
}

/** attention_bias: (batch or 1, heads or 1, qLen, totalLen), added to the scores. */
export interface BiasView {
  data: ArrayLike<number>;
  batchStride: number;
  headStride: number;
}

export function attentionBiasView(op: string, bias: Tensor, data: ArrayLike<number>, batch: number, heads: number, qLen: number, totalLen: number): BiasView {
  const d = bias.dims;
  if (d.length !== 4 || (d[0] !== 1 && d[0] !== batch) || (d[1] !== 1 && d[1] !== heads) || d[2] !== qLen || d[3] !== totalLen) {
    throw new InvalidInputError(
      `${op}: attention_bias must be (${batch} or 1, ${heads} or 1, ${qLen}, ${totalLen}), got [${d}]`,
      'attention_bias', `[${batch}, ${heads}, ${qLen}, ${totalLen}]`, `[${d}]`,
    );
  }
  const matrix = qLen * totalLen;
  return { data, batchStride: d[0] === 1 ? 0 : d[1] * matrix, headStride: d[1] === 1 ? 0 : matrix };
}
