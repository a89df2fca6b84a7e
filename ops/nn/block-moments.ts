// Per-block statistics for the normalization ops that normalize contiguous runs of elements:
// LayerNormalization and RMSNormalization (trailing axes), GroupNormalization (a group of
// channels) and InstanceNormalization (one channel's spatial extent).

export interface BlockMoments {
  /** Mean of each block (all zeros when computed for RMS normalization). */
  mean: Float64Array;
  /** 1 / sqrt(variance + epsilon), or 1 / sqrt(mean of squares + epsilon) for RMS. */
  invStd: Float64Array;
}

/**
 * Statistics of `blocks` consecutive runs of `blockSize` elements of `x`. With `rms`, the
 * mean is not subtracted (root-mean-square normalization). Variance is the population
 * variance, computed around the mean in a second pass for accuracy.
 */
export function blockMoments(x: ArrayLike<number>, blocks: number, blockSize: number, epsilon: number, rms = false): BlockMoments {
  const mean = new Float64Array(blocks);
  const invStd = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const base = b * blockSize;
    const end = base + blockSize;
    let m = 0;
    if (!rms) {
      let s = 0;
      for (let i = base; i < end; i++) s += x[i];
      m = s / blockSize;
    }
    let sq = 0;
    for (let i = base; i < end; i++) {
      const d = x[i] - m;
      sq += d * d;
    }
    mean[b] = m;
    invStd[b] = 1 / Math.sqrt(sq / blockSize + epsilon);
  }
  return { mean, invStd };
}

