// Matrix-vector product for GEMMs with one output row or column (batch-1 fully connected
// layers): packing would copy the whole matrix to use each element once, so stream it instead.

let accScratch = new Float64Array(0);

/**
 * out[oo + r*os] = alpha * sum_{c<cols} mat[mo + r*rs + c*cs] * vec[vo + c*vs] + beta * out[...],
 * for r < rows; beta = 0 never reads out.
 */
export function gemvF32(
  rows: number, cols: number,
  mat: Float32Array, mo: number, rs: number, cs: number,
  vec: Float32Array, vo: number, vs: number,
  out: Float32Array, oo: number, os: number,
  alpha: number, beta: number,
): void {
  if (cs !== 1 && rs === 1) {
    // columns of the matrix are contiguous: accumulate whole columns (axpy form)
    if (accScratch.length < rows) accScratch = new Float64Array(rows);
    const acc = accScratch;
    acc.fill(0, 0, rows);
    for (let c = 0; c < cols; c++) {
      const v = vec[vo + c * vs];
      if (v === 0) continue;
      const base = mo + c * cs;
      for (let r = 0; r < rows; r++) acc[r] += v * mat[base + r];
    }
    for (let r = 0; r < rows; r++) store(out, oo + r * os, alpha * acc[r], beta);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const base = mo + r * rs;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let c = 0;
    // four independent sums hide the latency of the floating-point adds
    if (cs === 1 && vs === 1) {
      for (; c + 3 < cols; c += 4) {
        const q = base + c, w = vo + c;
        s0 += mat[q] * vec[w];
        s1 += mat[q + 1] * vec[w + 1];
        s2 += mat[q + 2] * vec[w + 2];
        s3 += mat[q + 3] * vec[w + 3];
      }
    }
    for (; c < cols; c++) s0 += mat[base + c * cs] * vec[vo + c * vs];
    store(out, oo + r * os, alpha * (s0 + s1 + s2 + s3), beta);
  }
}

function store(out: Float32Array, i: number, v: number, beta: number): void {
  out[i] = beta === 0 ? v : v + beta * out[i];
}
