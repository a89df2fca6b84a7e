// MatMulNBits (com.microsoft) with 4- or 8-bit block-quantized weights, never expanded whole:
// Y = A (m x k, float32) @ W^T, W[n, k] = (q - zero_point) * scale per block of k.
//
// The weights are prepacked once (nbits_pack_weights) into the float GEMM's B order, as panels
// of NR = 8 columns stored k-major, so that one 16-byte load holds whole k rows of a panel:
// 4 rows of 8 nibbles (lo nibbles rows 0-1, hi nibbles rows 2-3) or 2 rows of 8 bytes. One row
// becomes an i16x8 of q, minus the 8 columns' zero points, then two f32x4 times their scales:
// (q - z) * s rounded once, the same float the reference op dequantizes to. The block's zero
// points (i16x8) and scales (2 x f32x4) of each panel sit beside it (nbits_pack_params).
//
// M = 1 (a decoder step): nbits_gemv turns each row's q - z into floats in registers, sums
// a[k] times them over the block and scales the block's sums once. M > 1: nbits_gemm_range dequantizes a KC x NC piece of W into
// the packed-B layout (bounded scratch) and runs gemm_packed_range's 4x8 micro-kernel on it,
// merging k blocks into C with beta = 1 and adding the bias on the last.
import { ACT_NONE } from './activation';
import { KC, MR, NR, roundUp } from './gemm-pack';
import { BIAS_COLS, BIAS_NONE, gemm_packed_range, gemm_set_epilogue } from './gemm';
import { madd } from './simd';

/** Columns of W dequantized per scratch piece in nbits_gemm_range: KC x NC floats (128 KiB). */
export const NC: i32 = 128;
/** Bytes per panel and block of packed parameters: 8 int16 zero points, then 8 float32 scales. */
const PARAM_BYTES: i32 = 48;

@inline function rowsPerUnit(bits: i32): i32 {
  return bits == 4 ? 4 : 2;
}

/** 16-byte units per panel: ceil(k / rows per unit). */
@inline function unitsPerPanel(k: i32, bits: i32): i32 {
  const r = rowsPerUnit(bits);
  return (k + r - 1) / r;
}

/** Bytes of prepacked weights for k x n at `bits` (4 or 8). */
export function nbits_packed_weights_size(k: i32, n: i32, bits: i32): i32 {
  return (roundUp(n, NR) / NR) * unitsPerPanel(k, bits) * 16;
}

/** Bytes of prepacked zero points and scales for n columns of kBlocks blocks. */
export function nbits_packed_params_size(n: i32, kBlocks: i32): i32 {
  return (roundUp(n, NR) / NR) * kBlocks * PARAM_BYTES;
}

/** Bytes of scratch nbits_gemm_range needs (one dequantized KC x NC piece). */
export function nbits_gemm_scratch_size(): i32 {
  return KC * NC * 4;
}

/** q of column n at k in MatMulNBits' B: row n holds k's values `bits` wide, low bits first. */
@inline function sourceQ(b: usize, rowBytes: i32, n: i32, k: i32, bits: i32): i32 {
  const bit = k * bits;
  const byte = <i32>load<u8>(b + <usize>n * <usize>rowBytes + <usize>(bit >> 3));
  return (byte >> (bit & 7)) & ((1 << bits) - 1);
}

/**
 * Reorders B (n rows of kBlocks blobs, `bits` per value) into panels of 8 columns by k
 * (see the file comment). Columns past n and rows past k are 0 (their scales are 0).
 */
export function nbits_pack_weights(b: usize, k: i32, n: i32, bits: i32, blockSize: i32, dst: usize): void {
  const kBlocks = (k + blockSize - 1) / blockSize;
  const rowBytes = kBlocks * ((blockSize * bits) >> 3);
  const units = unitsPerPanel(k, bits), rows = rowsPerUnit(bits);
  let out = dst;
  for (let n0 = 0; n0 < n; n0 += NR) {
    for (let u = 0; u < units; u++) {
      const k0 = u * rows;
      for (let j = 0; j < 16; j++) {
        const col = n0 + (j & 7);
        let v = 0;
        if (col < n) {
          if (bits == 4) {
            const kLo = k0 + (j >> 3), kHi = kLo + 2;
            if (kLo < k) v = sourceQ(b, rowBytes, col, kLo, 4);
            if (kHi < k) v |= sourceQ(b, rowBytes, col, kHi, 4) << 4;
          } else {
            const kk = k0 + (j >> 3);
            if (kk < k) v = sourceQ(b, rowBytes, col, kk, 8);
          }
        }
        store<u8>(out + <usize>j, <u8>v);
      }
      out += 16;
    }
  }
}

/**
 * Packs each panel's per-block zero points and scales. `zp`: 0 for none (the mid value
 * 2^(bits-1)), else MatMulNBits' packed uint8 zero points (rows of ceil(kBlocks * bits / 8)
 * bytes). `scales`: float32 [n, kBlocks].
 */
export function nbits_pack_params(scales: usize, zp: usize, n: i32, kBlocks: i32, bits: i32, dst: usize): void {
  const zpRowBytes = (kBlocks * bits + 7) >> 3;
  let out = dst;
  for (let n0 = 0; n0 < n; n0 += NR) {
    for (let blk = 0; blk < kBlocks; blk++) {
      for (let t = 0; t < NR; t++) {
        const col = n0 + t;
        let z = 0;
        let s: f32 = 0;
        if (col < n) {
          z = zp == 0 ? 1 << (bits - 1) : sourceQ(zp, zpRowBytes, col, blk, bits);
          s = load<f32>(scales + (<usize>(col * kBlocks + blk) << 2));
        }
        store<i16>(out + (<usize>t << 1), <i16>z);
        store<f32>(out + 16 + (<usize>t << 2), s);
      }
      out += PARAM_BYTES;
    }
  }
}

/** Lanes 0-3 of an int16 row (columns 0-3) as floats. */
@inline function lowF32(d: v128): v128 {
  return f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_s(d));
}

/** Lanes 4-7 (columns 4-7). */
@inline function highF32(d: v128): v128 {
  return f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_s(d));
}

/** Row `q` (8 columns' q as int16) of a panel, dequantized: columns 0-3. */
@inline function dequantLo(q: v128, z: v128, s: v128): v128 {
  return f32x4.mul(lowF32(i16x8.sub(q, z)), s);
}

/** Columns 4-7. */
@inline function dequantHi(q: v128, z: v128, s: v128): v128 {
  return f32x4.mul(highF32(i16x8.sub(q, z)), s);
}

/**
 * The 16-byte unit at `p` as int16 rows: row r of the unit (0..3 for 4 bits, 0..1 for 8).
 * Written out per row so each call site folds to a few instructions.
 */
@inline function unitRow(v: v128, r: i32, bits: i32): v128 {
  if (bits == 4) {
    const nib = r < 2 ? v128.and(v, i8x16.splat(0x0f)) : i8x16.shr_u(v, 4);
    return (r & 1) == 0 ? i16x8.extend_low_i8x16_u(nib) : i16x8.extend_high_i8x16_u(nib);
  }
  return r == 0 ? i16x8.extend_low_i8x16_u(v) : i16x8.extend_high_i8x16_u(v);
}

/**
 * y[panelBegin * 8, min(n, panelEnd * 8)) of y = a @ W^T + bias for one row a of k floats
 * (`bias` 0 for none). `tile` is 32 bytes of scratch for a last panel narrower than 8.
 */
export function nbits_gemv(
  a: usize, k: i32, n: i32, bits: i32, blockSize: i32, pw: usize, pp: usize, bias: usize, y: usize, tile: usize,
  panelBegin: i32, panelEnd: i32,
): void {
  if (bits == 4) gemv(a, k, n, 4, blockSize, pw, pp, bias, y, tile, panelBegin, panelEnd);
  else gemv(a, k, n, 8, blockSize, pw, pp, bias, y, tile, panelBegin, panelEnd);
}

@inline function gemv(
  a: usize, k: i32, n: i32, bits: i32, blockSize: i32, pw: usize, pp: usize, bias: usize, y: usize, tile: usize,
  panelBegin: i32, panelEnd: i32,
): void {
  const kBlocks = (k + blockSize - 1) / blockSize;
  const rows = rowsPerUnit(bits);
  const panelBytes = <usize>unitsPerPanel(k, bits) << 4;
  for (let p = panelBegin; p < panelEnd; p++) {
    let wp = pw + <usize>p * panelBytes;
    let prm = pp + <usize>(p * kBlocks * PARAM_BYTES);
    let t0 = f32x4.splat(0), t1 = f32x4.splat(0);
    let ap = a;
    for (let blk = 0; blk < kBlocks; blk++) {
      const z = v128.load(prm);
      // the block's sum of a[k] (q - z), two per column half (even and odd rows) to hide the
      // add latency, then scaled once: a multiply per block, not per weight
      let e0 = f32x4.splat(0), e1 = f32x4.splat(0), o0 = f32x4.splat(0), o1 = f32x4.splat(0);
      const kEnd = min(k, (blk + 1) * blockSize);
      let kk = blk * blockSize;
      for (; kk + rows <= kEnd; kk += rows) {
        const v = v128.load(wp);
        wp += 16;
        let d = i16x8.sub(unitRow(v, 0, bits), z);
        let av = v128.load32_splat(ap);
        e0 = madd(av, lowF32(d), e0); e1 = madd(av, highF32(d), e1);
        d = i16x8.sub(unitRow(v, 1, bits), z);
        av = v128.load32_splat(ap, 4);
        o0 = madd(av, lowF32(d), o0); o1 = madd(av, highF32(d), o1);
        if (bits == 4) {
          d = i16x8.sub(unitRow(v, 2, bits), z);
          av = v128.load32_splat(ap, 8);
          e0 = madd(av, lowF32(d), e0); e1 = madd(av, highF32(d), e1);
          d = i16x8.sub(unitRow(v, 3, bits), z);
          av = v128.load32_splat(ap, 12);
          o0 = madd(av, lowF32(d), o0); o1 = madd(av, highF32(d), o1);
        }
        ap += <usize>rows << 2;
      }
      if (kk < kEnd) {
        // k's last unit, partly past k: only its rows below k, and no a[k] read past the end
        const v = v128.load(wp);
        wp += 16;
        for (let r = 0; kk < kEnd; r++, kk++) {
          const q = r == 0 ? unitRow(v, 0, bits) : r == 1 ? unitRow(v, 1, bits) : unitRow(v, 2, bits);
          const d = i16x8.sub(q, z);
          const av = v128.load32_splat(ap);
          e0 = madd(av, lowF32(d), e0); e1 = madd(av, highF32(d), e1);
          ap += 4;
        }
      }
      t0 = madd(v128.load(prm, 16), f32x4.add(e0, o0), t0);
      t1 = madd(v128.load(prm, 32), f32x4.add(e1, o1), t1);
      prm += PARAM_BYTES;
    }
    let r0 = t0, r1 = t1;
    const col = p * NR;
    if (bias != 0) {
      const bp = bias + (<usize>col << 2);
      if (col + NR <= n) {
        r0 = f32x4.add(r0, v128.load(bp));
        r1 = f32x4.add(r1, v128.load(bp, 16));
      } else {
        v128.store(tile, r0);
        v128.store(tile, r1, 16);
        for (let t = 0; col + t < n; t++) store<f32>(tile + (<usize>t << 2), load<f32>(tile + (<usize>t << 2)) + load<f32>(bp + (<usize>t << 2)));
        r0 = v128.load(tile);
        r1 = v128.load(tile, 16);
      }
    }
    const yp = y + (<usize>col << 2);
    if (col + NR <= n) {
      v128.store(yp, r0);
      v128.store(yp, r1, 16);
    } else {
      v128.store(tile, r0);
      v128.store(tile, r1, 16);
      for (let t = 0; col + t < n; t++) store<f32>(yp + (<usize>t << 2), load<f32>(tile + (<usize>t << 2)));
    }
  }
}

/**
 * Rows [k0, k0 + kc) of panels [p0, p1) of W, dequantized into `dst` in gemm_packed's B layout
 * for a kc-deep block (panel after panel, kc rows of 8 floats each). k0 is a multiple of the
 * rows per unit.
 */
function dequantPanels(
  k: i32, bits: i32, blockSize: i32, pw: usize, pp: usize, p0: i32, p1: i32, k0: i32, kc: i32, dst: usize,
): void {
  if (bits == 4) dequantPanelsOf(k, 4, blockSize, pw, pp, p0, p1, k0, kc, dst);
  else dequantPanelsOf(k, 8, blockSize, pw, pp, p0, p1, k0, kc, dst);
}

@inline function dequantPanelsOf(
  k: i32, bits: i32, blockSize: i32, pw: usize, pp: usize, p0: i32, p1: i32, k0: i32, kc: i32, dst: usize,
): void {
  const kBlocks = (k + blockSize - 1) / blockSize;
  const rows = rowsPerUnit(bits);
  const panelBytes = <usize>unitsPerPanel(k, bits) << 4;
  const kEnd = k0 + kc;
  let out = dst;
  for (let p = p0; p < p1; p++) {
    let wp = pw + <usize>p * panelBytes + (<usize>(k0 / rows) << 4);
    const prmPanel = pp + <usize>(p * kBlocks * PARAM_BYTES);
    for (let kb = k0; kb < kEnd;) {
      const blk = kb / blockSize;
      const prm = prmPanel + <usize>(blk * PARAM_BYTES);
      const z = v128.load(prm), s0 = v128.load(prm, 16), s1 = v128.load(prm, 32);
      const bEnd = min(kEnd, (blk + 1) * blockSize);
      for (; kb + rows <= bEnd; kb += rows) {
        const v = v128.load(wp);
        wp += 16;
        let q = unitRow(v, 0, bits);
        v128.store(out, dequantLo(q, z, s0)); v128.store(out, dequantHi(q, z, s1), 16);
        q = unitRow(v, 1, bits);
        v128.store(out, dequantLo(q, z, s0), 32); v128.store(out, dequantHi(q, z, s1), 48);
        if (bits == 4) {
          q = unitRow(v, 2, bits);
          v128.store(out, dequantLo(q, z, s0), 64); v128.store(out, dequantHi(q, z, s1), 80);
          q = unitRow(v, 3, bits);
          v128.store(out, dequantLo(q, z, s0), 96); v128.store(out, dequantHi(q, z, s1), 112);
        }
        out += <usize>rows << 5;
      }
      if (kb < bEnd) {
        // the unit holding k's last rows: write only those
        const v = v128.load(wp);
        wp += 16;
        for (let r = 0; kb < bEnd; r++, kb++) {
          const q = r == 0 ? unitRow(v, 0, bits) : r == 1 ? unitRow(v, 1, bits) : unitRow(v, 2, bits);
          v128.store(out, dequantLo(q, z, s0)); v128.store(out, dequantHi(q, z, s1), 16);
          out += 32;
        }
      }
    }
  }
}

/**
 * Columns [colBegin, colEnd) (colBegin a multiple of 8) of C = A @ W^T + bias, C m x n with row
 * stride ldc floats, A packed by gemm_pack_a (pa). `bias` 0 for none; `tile` is MR x NR floats
 * and `scratch` nbits_gemm_scratch_size() bytes, both this call's own. Each column is computed
 * the same whichever range holds it, so ranges on threads give the bits of one call.
 */
export function nbits_gemm_range(
  m: i32, n: i32, k: i32, bits: i32, blockSize: i32, pa: usize, pw: usize, pp: usize, bias: usize, c: usize, ldc: i32,
  tile: usize, scratch: usize, colBegin: i32, colEnd: i32,
): void {
  const mPad = roundUp(m, MR);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    const first = pc == 0, last = pc + kc >= k;
    const paBlock = pa + (<usize>pc * <usize>mPad << 2);
    for (let jc = colBegin; jc < colEnd; jc += NC) {
      const nc = min(NC, colEnd - jc);
      dequantPanels(k, bits, blockSize, pw, pp, jc / NR, (jc + nc + NR - 1) / NR, pc, kc, scratch);
      const withBias = last && bias != 0;
      gemm_set_epilogue(first ? 0 : 1, withBias ? bias + (<usize>jc << 2) : 0, withBias ? BIAS_COLS : BIAS_NONE, ACT_NONE, 0, 0);
      gemm_packed_range(m, nc, kc, paBlock, scratch, c + (<usize>jc << 2), ldc, tile, 0, m, 0, nc);
    }
  }
}
