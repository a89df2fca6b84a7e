// wasm_i8_im2col: the patches of an 8-bit convolution written straight into the packed-B
// layout of wasm_i8_gemm_4x8 (int8-gemm.ts), so ConvInteger is one exact int8 GEMM. Row p of
// the virtual patch matrix is (channel, ky, kx), column j is output pixel j. Each row is first
// gathered as int16 (value minus the zero point; padding reads the zero point, so 0) into one
// of two scratch rows, runs of in-image columns found once per output row rather than tested
// per element; then each pair of rows is interleaved into the (k, k+1) pairs the dot product
// takes, 8 columns at a time.
import { roundUp } from './gemm-pack';
import { I8_KC, I8_NR, loadQ } from './int8-gemm';

/** 8 bytes at src, widened to int16, minus the zero point splat in zv. */
@inline function widen8(src: usize, signed: i32, zv: v128): v128 {
  const b = v128.load64_zero(src);
  return i16x8.sub(signed ? i16x8.extend_low_i8x16_s(b) : i16x8.extend_low_i8x16_u(b), zv);
}

/** `count` bytes from src, `step` apart, minus zp, as int16 at dst. */
export function gather_i16(src: usize, step: i32, signed: i32, zp: i32, count: i32, dst: usize): void {
  let t = 0;
  if (step == 1) {
    const zv = i16x8.splat(<i16>zp);
    for (; t + 8 <= count; t += 8) v128.store(dst + (<usize>t << 1), widen8(src + <usize>t, signed, zv));
  }
  for (; t < count; t++) store<i16>(dst + (<usize>t << 1), <i16>(loadQ(src + <usize>t * <usize>step, signed) - zp));
}

/**
 * Positions t in [0, count) whose input column t * step + off lies in [0, w): [lo, hi),
 * packed as lo << 16 | hi (both < 2^15, as every extent here is).
 */
@inline export function insideRun(off: i32, step: i32, w: i32, count: i32): i32 {
  const lo = min(count, off < 0 ? (step - 1 - off) / step : 0);
  const hi = max(lo, w - 1 - off < 0 ? 0 : min(count, (w - 1 - off) / step + 1));
  return lo << 16 | hi;
}

/** 8 bytes at every other position from src (16 read), widened to int16, minus zv. */
@inline function widenEven8(src: usize, signed: i32, zv: v128): v128 {
  const b = v128.load(src);
  const lo = signed ? i16x8.extend_low_i8x16_s(b) : i16x8.extend_low_i8x16_u(b);
  const hi = signed ? i16x8.extend_high_i8x16_s(b) : i16x8.extend_high_i8x16_u(b);
  return i16x8.sub(i16x8.shuffle(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14), zv);
}

/** Zeros over [0, count) in whole vectors: up to 7 values past count are written too. */
@inline function zeroRun(dst: usize, count: i32): void {
  const z = i16x8.splat(0);
  for (let t = 0; t < count; t += 8) v128.store(dst + (<usize>t << 1), z);
}

/**
 * One patch row: plane (h x w bytes) read at (oy * sh + yOff, ox * sw + xOff), oh x ow int16 at
 * dst. Each part of an output row is written in whole vectors, spilling up to 7 values into
 * what is written next (the next part, the next row, or the row's slack, zeroed at the end);
 * a vector load reads past its run only where the plane still has those bytes.
 */
function gatherRow(
  plane: usize, signed: i32, zp: i32, h: i32, w: i32, yOff: i32, xOff: i32, sh: i32, sw: i32, oh: i32, ow: i32, dst: usize,
  nPad: i32,
): void {
  const run = insideRun(xOff, sw, w, ow);
  const lo = run >> 16, hi = run & 0xffff, count = hi - lo;
  const zv = i16x8.splat(<i16>zp);
  for (let oy = 0; oy < oh; oy++) {
    const row = dst + (<usize>(oy * ow) << 1);
    const iy = oy * sh + yOff;
    if (<u32>iy >= <u32>h) {
      zeroRun(row, ow);
      continue;
    }
    zeroRun(row, lo);
    const first = lo * sw + xOff;
    const src = plane + <usize>iy * <usize>w + <usize>first;
    const out = row + (<usize>lo << 1);
    // bytes of the plane from src on: no vector load may pass them
    const left = (h - iy) * w - first;
    let t = 0;
    if (sw == 1) {
      for (; t < count && t + 8 <= left; t += 8) v128.store(out + (<usize>t << 1), widen8(src + <usize>t, signed, zv));
    } else if (sw == 2) {
      for (; t < count && 2 * t + 16 <= left; t += 8) v128.store(out + (<usize>t << 1), widenEven8(src + (<usize>t << 1), signed, zv));
    }
    for (; t < count; t++) store<i16>(out + (<usize>t << 1), <i16>(loadQ(src + <usize>t * <usize>sw, signed) - zp));
    zeroRun(row + (<usize>hi << 1), ow - hi);
  }
  // the columns past n stay zero for the GEMM
  for (let j = oh * ow; j < nPad + 8; j++) store<i16>(dst + (<usize>j << 1), 0);
}

/** Bytes of one scratch row: n rounded up to NR, and 8 values of slack for the vector stores. */
@inline function scratchRowBytes(n: i32): usize {
  return <usize>(roundUp(n, I8_NR) + 8) << 1;
}

/** Scratch bytes i8_im2col_pack_b needs for n = oh * ow columns: two int16 rows. */
export function i8_im2col_scratch_size(n: i32): i32 {
  return <i32>scratchRowBytes(n) << 1;
}

/**
 * x: one image's `channels` planes of h x w bytes, zp its zero point. Output: the packed B
 * (i8_gemm_pack_b's layout) of K = channels * kh * kw rows and N = oh * ow columns. A 1x1,
 * stride-1, unpadded convolution is the same call with each plane as one row (h = oh = 1).
 */
export function i8_im2col_pack_b(
  x: usize, signed: i32, zp: i32, channels: i32, h: i32, w: i32, kh: i32, kw: i32, padT: i32, padL: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, oh: i32, ow: i32, dst: usize, scratch: usize,
): void {
  const k = channels * kh * kw, n = oh * ow, nPad = roundUp(n, I8_NR);
  const r0 = scratch, r1 = scratch + scratchRowBytes(n);
  const planeBytes = <usize>h * <usize>w;
  let ci = 0, ky = 0, kx = 0;
  for (let pc = 0; pc < k; pc += I8_KC) {
    const kc = min(I8_KC, k - pc), kcPad = roundUp(kc, 2);
    const block = dst + (<usize>pc * <usize>nPad << 1);
    const panelBytes = <usize>kcPad << 4;
    for (let p = 0; p < kc; p += 2) {
      for (let half = 0; half < 2; half++) {
        const r = half ? r1 : r0;
        if (p + half >= kc) {
          memory.fill(r, 0, scratchRowBytes(n));
          continue;
        }
        gatherRow(x + <usize>ci * planeBytes, signed, zp, h, w, ky * dh - padT, kx * dw - padL, sh, sw, oh, ow, r, nPad);
        if (++kx == kw) { kx = 0; if (++ky == kh) { ky = 0; ci++; } }
      }
      let out = block + (<usize>p << 4);
      for (let j0 = 0; j0 < nPad; j0 += I8_NR) {
        const a = v128.load(r0 + (<usize>j0 << 1)), b = v128.load(r1 + (<usize>j0 << 1));
        v128.store(out, i16x8.shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11));
        v128.store(out, i16x8.shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15), 16);
        out += panelBytes;
      }
    }
  }
}
