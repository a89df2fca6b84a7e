// Layer normalization over contiguous rows, the loop under the com.microsoft normalizations
// (SkipLayerNormalization and its simplified form, SimplifiedLayerNormalization, the contrib
// LayerNormalization, EmbedLayerNormalization). Statistics are accumulated in float64 and
// the variance taken around the mean in a second pass; onnxruntime accumulates in float32
// (E[x²] - mean²), which our results match to well within the suite's tolerance.
import type { FloatArray } from '../helpers/float-data.js';

export interface RowStatistics {
  /** Mean of each row (all zeros for the simplified, root-mean-square form). */
  mean: Float64Array;
  /** 1 / sqrt(variance + epsilon), or 1 / sqrt(mean of squares + epsilon) when simplified. */
  invStd: Float64Array;
}

export interface RowNormalization {
  epsilon: number;
  /** Root-mean-square normalization: the mean is not subtracted and there is no beta. */
  simplified: boolean;
  gamma: ArrayLike<number>;
  beta?: ArrayLike<number>;
}

/**
 * out[r, i] = (x[r, i] - mean_r) * invStd_r * gamma[i] + beta[i] for `rows` rows of `size`
 * values; `out` may be `x` itself.
 */
export function normalizeRows(x: ArrayLike<number>, out: FloatArray, rows: number, size: number, n: RowNormalization): RowStatistics {
  const mean = new Float64Array(rows);
  const invStd = new Float64Array(rows);
  const { gamma, beta } = n;
  for (let r = 0; r < rows; r++) {
    const base = r * size;
    let m = 0;
    if (!n.simplified) {
      let s = 0;
      for (let i = 0; i < size; i++) s += x[base + i];
      m = s / size;
    }
    let sq = 0;
    for (let i = 0; i < size; i++) {
      const d = x[base + i] - m;
      sq += d * d;
    }
    const inv = 1 / Math.sqrt(sq / size + n.epsilon);
    mean[r] = m;
    invStd[r] = inv;
    if (beta && !n.simplified) {
      for (let i = 0; i < size; i++) out[base + i] = (x[base + i] - m) * inv * gamma[i] + beta[i];
    } else {
      for (let i = 0; i < size; i++) out[base + i] = (x[base + i] - m) * inv * gamma[i];
    }
  }
  return { mean, invStd };
}
