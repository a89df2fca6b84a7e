// wasm_i8_gemm_4x8: int32 C = (A - a_zp)(B - b_zp) for 8-bit A and B (either signedness), the
// zero points subtracted while packing, so both operands become int16 in [-255, 255].
// i32x4.dot_i16x8_s then multiplies pairs along k and adds each pair into one int32 lane: a
// splat of one row's (k, k+1) pair against a B vector holding 4 columns' (k, k+1) pairs gives
// 4 partial sums at once. The sums wrap modulo 2^32, exactly what the reference's float64 sums
// become when stored as int32, so results are exact.
//
// Packed layouts, in int16 elements. Both operands are cut into KC-deep blocks along k, each
// padded with zeros to whole pairs. A (m x k): block pc starts at pc * mPad, panel i0 of that
// block kcPad * i0 further, and holds, for each pair, the MR rows' (k, k+1) values. B (k x n):
// block pc at pc * nPad, panel j0 at kcPad * j0, and for each pair the NR columns' (k, k+1)
// values: two vectors.
import { roundUp } from './gemm-pack';

export const I8_MR: i32 = 4;
export const I8_NR: i32 = 8;
/** k values per block: even, so only the last block can end in half a pair. */
export const I8_KC: i32 = 512;
export const I8_MC: i32 = 128;

@inline export function loadQ(p: usize, signed: i32): i32 {
  return signed ? <i32>load<i8>(p) : <i32>load<u8>(p);
}

/**
 * Packs A - a_zp (m x k bytes, A(i, p) = a[i * lda + p]); zp points to m int32s, one per row
 * (the JavaScript side repeats a per-tensor zero point).
 */
export function i8_gemm_pack_a(a: usize, lda: i32, signed: i32, zp: usize, m: i32, k: i32, dst: usize): void {
  const mPad = roundUp(m, I8_MR);
  for (let pc = 0; pc < k; pc += I8_KC) {
    const kc = min(I8_KC, k - pc), kcPad = roundUp(kc, 2);
    let out = dst + (<usize>pc * <usize>mPad << 1);
    for (let i0 = 0; i0 < m; i0 += I8_MR) {
      for (let p = 0; p < kcPad; p += 2) {
        for (let r = 0; r < I8_MR; r++) {
          const i = i0 + r;
          let v0 = 0, v1 = 0;
          if (i < m) {
            const z = load<i32>(zp + (<usize>i << 2));
            const src = a + <usize>i * <usize>lda + <usize>(pc + p);
            v0 = loadQ(src, signed) - z;
            if (p + 1 < kc) v1 = loadQ(src + 1, signed) - z;
          }
          store<i16>(out, <i16>v0);
          store<i16>(out, <i16>v1, 2);
          out += 4;
        }
      }
    }
  }
}

/** Packs B - b_zp (k x n bytes, B(p, j) = b[p * ldb + j]); zp points to n int32s, one per column. */
export function i8_gemm_pack_b(b: usize, ldb: i32, signed: i32, zp: usize, k: i32, n: i32, dst: usize): void {
  const nPad = roundUp(n, I8_NR);
  for (let pc = 0; pc < k; pc += I8_KC) {
    const kc = min(I8_KC, k - pc), kcPad = roundUp(kc, 2);
    let out = dst + (<usize>pc * <usize>nPad << 1);
    for (let j0 = 0; j0 < n; j0 += I8_NR) {
      for (let p = 0; p < kcPad; p += 2) {
        const row = b + <usize>(pc + p) * <usize>ldb;
        const hasNext = p + 1 < kc;
        for (let t = 0; t < I8_NR; t++) {
          const j = j0 + t;
          let v0 = 0, v1 = 0;
          if (j < n) {
            const z = load<i32>(zp + (<usize>j << 2));
            v0 = loadQ(row + <usize>j, signed) - z;
            if (hasNext) v1 = loadQ(row + <usize>ldb + <usize>j, signed) - z;
          }
          store<i16>(out, <i16>v0);
          store<i16>(out, <i16>v1, 2);
          out += 4;
        }
      }
    }
  }
}

/** int16 elements a packed A of m x k takes (B likewise with n). */
export function i8_gemm_packed_a_size(m: i32, k: i32): i32 {
  return roundUp(m, I8_MR) * roundUp(k, 2);
}

export function i8_gemm_packed_b_size(k: i32, n: i32): i32 {
  return roundUp(n, I8_NR) * roundUp(k, 2);
}

@inline function put(cp: usize, v: i32, first: bool): void {
  store<i32>(cp, first ? v : v + load<i32>(cp));
}

/** Stores (first k block) or adds one row of a tile's accumulators; only `cols` columns are C's. */
@inline function finishRow(cp: usize, v0: v128, v1: v128, cols: i32, first: bool): void {
  if (cols == I8_NR) {
    if (!first) {
      v0 = i32x4.add(v0, v128.load(cp));
      v1 = i32x4.add(v1, v128.load(cp, 16));
    }
    v128.store(cp, v0);
    v128.store(cp, v1, 16);
    return;
  }
  put(cp, i32x4.extract_lane(v0, 0), first);
  if (cols > 1) put(cp + 4, i32x4.extract_lane(v0, 1), first);
  if (cols > 2) put(cp + 8, i32x4.extract_lane(v0, 2), first);
  if (cols > 3) put(cp + 12, i32x4.extract_lane(v0, 3), first);
  if (cols > 4) put(cp + 16, i32x4.extract_lane(v1, 0), first);
  if (cols > 5) put(cp + 20, i32x4.extract_lane(v1, 1), first);
  if (cols > 6) put(cp + 24, i32x4.extract_lane(v1, 2), first);
}

/** The register-blocked 4x8 micro-kernel over `pairs` k pairs of one A panel and one B panel. */
function wasm_i8_gemm_4x8(pairs: i32, a: usize, b: usize, c: usize, ldcBytes: usize, rows: i32, cols: i32, first: bool): void {
  let c00 = i32x4.splat(0), c01 = i32x4.splat(0);
  let c10 = i32x4.splat(0), c11 = i32x4.splat(0);
  let c20 = i32x4.splat(0), c21 = i32x4.splat(0);
  let c30 = i32x4.splat(0), c31 = i32x4.splat(0);
  for (let q = 0; q < pairs; q++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = i32x4.add(c00, i32x4.dot_i16x8_s(av, b0)); c01 = i32x4.add(c01, i32x4.dot_i16x8_s(av, b1));
    av = v128.load32_splat(a, 4);
    c10 = i32x4.add(c10, i32x4.dot_i16x8_s(av, b0)); c11 = i32x4.add(c11, i32x4.dot_i16x8_s(av, b1));
    av = v128.load32_splat(a, 8);
    c20 = i32x4.add(c20, i32x4.dot_i16x8_s(av, b0)); c21 = i32x4.add(c21, i32x4.dot_i16x8_s(av, b1));
    av = v128.load32_splat(a, 12);
    c30 = i32x4.add(c30, i32x4.dot_i16x8_s(av, b0)); c31 = i32x4.add(c31, i32x4.dot_i16x8_s(av, b1));
    a += 16; b += 32;
  }
  finishRow(c, c00, c01, cols, first);
  if (rows > 1) finishRow(c + ldcBytes, c10, c11, cols, first);
  if (rows > 2) finishRow(c + 2 * ldcBytes, c20, c21, cols, first);
  if (rows > 3) finishRow(c + 3 * ldcBytes, c30, c31, cols, first);
}

/** int32 C (m x n, row stride ldc) from packed A and B. */
export function i8_gemm_packed(m: i32, n: i32, k: i32, pa: usize, pb: usize, c: usize, ldc: i32): void {
  i8_gemm_packed_range(m, n, k, pa, pb, c, ldc, 0, m, 0, n);
}

/**
 * The part of i8_gemm_packed's C in rows [rowBegin, rowEnd) and columns [colBegin, colEnd);
 * begins are multiples of MR / NR. Integer sums are exact, so any split gives the same C.
 */
export function i8_gemm_packed_range(
  m: i32, n: i32, k: i32, pa: usize, pb: usize, c: usize, ldc: i32,
  rowBegin: i32, rowEnd: i32, colBegin: i32, colEnd: i32,
): void {
  if (k == 0) {
    for (let i = rowBegin; i < rowEnd; i++) {
      memory.fill(c + ((<usize>i * <usize>ldc + <usize>colBegin) << 2), 0, <usize>(colEnd - colBegin) << 2);
    }
    return;
  }
  const mPad = roundUp(m, I8_MR), nPad = roundUp(n, I8_NR);
  const ldcBytes = <usize>ldc << 2;
  for (let pc = 0; pc < k; pc += I8_KC) {
    const kcPad = roundUp(min(I8_KC, k - pc), 2);
    const first = pc == 0;
    const paBlock = pa + (<usize>pc * <usize>mPad << 1);
    const pbBlock = pb + (<usize>pc * <usize>nPad << 1);
    for (let ic = rowBegin; ic < rowEnd; ic += I8_MC) {
      const icEnd = min(rowEnd, ic + I8_MC);
      for (let j0 = colBegin; j0 < colEnd; j0 += I8_NR) {
        const cols = min(I8_NR, colEnd - j0);
        const bp = pbBlock + (<usize>j0 * <usize>kcPad << 1);
        for (let i0 = ic; i0 < icEnd; i0 += I8_MR) {
          const ap = paBlock + (<usize>i0 * <usize>kcPad << 1);
          const cp = c + ((<usize>i0 * <usize>ldc + <usize>j0) << 2);
          wasm_i8_gemm_4x8(kcPad >> 1, ap, bp, cp, ldcBytes, min(I8_MR, rowEnd - i0), cols, first);
        }
      }
    }
  }
}

/**
 * The range of n floats at x, folded into [min, max] starting from [0, 0], comparing as
 * DynamicQuantizeLinear's reference does (v < min, v > max), so NaNs are skipped: writes
 * min and max to out[0], out[1].
 */
export function f32_min_max(x: usize, n: i32, out: usize): void {
  let lo0 = f32x4.splat(0), hi0 = f32x4.splat(0), lo1 = f32x4.splat(0), hi1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const v0 = v128.load(x + (<usize>i << 2)), v1 = v128.load(x + (<usize>i << 2), 16);
    // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a: a NaN in b never wins
    lo0 = f32x4.pmin(lo0, v0); hi0 = f32x4.pmax(hi0, v0);
    lo1 = f32x4.pmin(lo1, v1); hi1 = f32x4.pmax(hi1, v1);
  }
  const lo = f32x4.pmin(lo0, lo1), hi = f32x4.pmax(hi0, hi1);
  let mn = f32x4.extract_lane(lo, 0), mx = f32x4.extract_lane(hi, 0);
  for (let l = 1; l < 4; l++) {
    const a = l == 1 ? f32x4.extract_lane(lo, 1) : l == 2 ? f32x4.extract_lane(lo, 2) : f32x4.extract_lane(lo, 3);
    const b = l == 1 ? f32x4.extract_lane(hi, 1) : l == 2 ? f32x4.extract_lane(hi, 2) : f32x4.extract_lane(hi, 3);
    if (a < mn) mn = a;
    if (b > mx) mx = b;
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  store<f32>(out, mn);
  store<f32>(out, mx, 4);
}
