// Y[m, n] = sum_k A[m, k] * W[n, k] (+ bias[n]) for float32 A [M, K] and weights W [N, K]
// held row by row, the layout block-quantized weights unpack to. Both operands are read along
// k; a tile of two rows of A by four rows of W keeps eight sums in registers, so each loaded
// value serves two or four products.

/** Writes M x N results into `out` from `outStart`; `a` is read from `aStart`. */
export function matmulTransposedB(
  a: Float32Array, aStart: number, M: number, K: number,
  w: Float32Array, N: number, bias: Float32Array | undefined,
  out: Float32Array, outStart: number,
): void {
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const w0 = n * K, w1 = w0 + K, w2 = w1 + K, w3 = w2 + K;
    const b0 = bias ? bias[n] : 0, b1 = bias ? bias[n + 1] : 0, b2 = bias ? bias[n + 2] : 0, b3 = bias ? bias[n + 3] : 0;
    let m = 0;
    for (; m + 2 <= M; m += 2) {
      const r0 = aStart + m * K, r1 = r0 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[r0 + k], x1 = a[r1 + k];
        const v0 = w[w0 + k], v1 = w[w1 + k], v2 = w[w2 + k], v3 = w[w3 + k];
        s00 += x0 * v0; s01 += x0 * v1; s02 += x0 * v2; s03 += x0 * v3;
        s10 += x1 * v0; s11 += x1 * v1; s12 += x1 * v2; s13 += x1 * v3;
      }
      const o0 = outStart + m * N + n, o1 = o0 + N;
      out[o0] = s00 + b0; out[o0 + 1] = s01 + b1; out[o0 + 2] = s02 + b2; out[o0 + 3] = s03 + b3;
      out[o1] = s10 + b0; out[o1 + 1] = s11 + b1; out[o1 + 2] = s12 + b2; out[o1 + 3] = s13 + b3;
    }
    if (m < M) {
      const r0 = aStart + m * K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = a[r0 + k];
        s0 += x * w[w0 + k]; s1 += x * w[w1 + k]; s2 += x * w[w2 + k]; s3 += x * w[w3 + k];
      }
      const o = outStart + m * N + n;
      out[o] = s0 + b0; out[o + 1] = s1 + b1; out[o + 2] = s2 + b2; out[o + 3] = s3 + b3;
    }
  }
  for (; n < N; n++) {
    const wr = n * K, b = bias ? bias[n] : 0;
    for (let m = 0; m < M; m++) {
      const ar = aStart + m * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[ar + k] * w[wr + k];
      out[outStart + m * N + n] = s + b;
    }
  }
}
