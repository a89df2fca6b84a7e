// A plain row-major matrix product over flat arrays at offsets, accumulating in float64.
// Shared by the recurrent ops and the attention ops, which multiply many small matrices
// that live inside larger tensors.

/**
 * out[outOff + i*n + j] (+)= sum_p a[aOff + i*k + p] * B[p, j], where B is b[bOff + p*n + j],
 * or b[bOff + j*k + p] when `bTransposed` (B given as its n x k transpose).
 */
export function matmulF64(
  a: ArrayLike<number>, aOff: number,
  b: ArrayLike<number>, bOff: number,
  out: Float64Array, outOff: number,
  m: number, k: number, n: number,
  bTransposed = false, accumulate = false,
): void {
  if (!accumulate) out.fill(0, outOff, outOff + m * n);
  if (bTransposed) {
    for (let i = 0; i < m; i++) {
      const ai = aOff + i * k;
      const oi = outOff + i * n;
      for (let j = 0; j < n; j++) {
        const bj = bOff + j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
        out[oi + j] += s;
      }
    }
    return;
  }
  // i-p-j order keeps the inner loop on contiguous rows of B and of the output
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * k;
    const oi = outOff + i * n;
    for (let p = 0; p < k; p++) {
      const av = a[ai + p];
      const bp = bOff + p * n;
      for (let j = 0; j < n; j++) out[oi + j] += av * b[bp + j];
    }
  }
}
