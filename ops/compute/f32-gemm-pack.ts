// Packing for the blocked float32 GEMM: a block of A or B is copied into panels of 4 rows
// (of A) or 4 columns (of B), interleaved along k, so the micro-kernel reads both operands
// sequentially. Transposes cost nothing extra: they only swap the two strides.

/** Rows of A (or columns of B) per packed panel; the micro-kernel tile is PANEL x PANEL. */
export const PANEL = 4;

/**
 * Packs `count` lines of `kc` elements. Element p of line x is src[base + x*sx + p*sp].
 * Writes ceil(count/4) panels of 4*kc values, panel-major, then p, then x; lines missing
 * from the last panel are zeros.
 */
export function packPanelsF32(
  src: Float32Array, base: number, sx: number, sp: number, count: number, kc: number, out: Float32Array,
): void {
  let o = 0;
  for (let x = 0; x < count; x += PANEL) {
    const left = count - x;
    let q = base + x * sx;
    if (left >= PANEL) {
      const s1 = sx, s2 = 2 * sx, s3 = 3 * sx;
      for (let p = 0; p < kc; p++) {
        out[o] = src[q];
        out[o + 1] = src[q + s1];
        out[o + 2] = src[q + s2];
        out[o + 3] = src[q + s3];
        o += PANEL;
        q += sp;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let i = 0; i < PANEL; i++) out[o + i] = i < left ? src[q + i * sx] : 0;
        o += PANEL;
        q += sp;
      }
    }
  }
}
