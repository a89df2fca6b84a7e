// Summary statistics of run times for `onnx-ts bench` and `onnx-ts run --repeat`.

export interface LatencyStats {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  max: number;
}

/** The p-th percentile (0..100) of ascending `sorted`, interpolating between ranks as numpy does. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function latencyStats(times: readonly number[]): LatencyStats {
  const s = [...times].sort((a, b) => a - b);
  return {
    min: s[0] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    max: s[s.length - 1] ?? NaN,
  };
}
