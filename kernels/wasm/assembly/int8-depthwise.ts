// wasm_i8_depthwise_8: int32 convolution where every group is one 8-bit input channel (group ==
// channels, `mult` output channels each), the MobileNet case an im2col GEMM would run with one
// row per group. Per channel the input, minus its zero point, is copied once as int16 into a
// padded plane split into `sw` column phases (column col at phase col % sw, position col / sw),
// so every tap of 8 adjacent outputs is one contiguous 8-lane load at any stride or dilation.
// Products (at most 255 * 255) are widened to int32 by extmul and summed exactly.
import { roundUp } from './gemm-pack';
import { gather_i16, insideRun } from './int8-im2col';

@inline function paddedRows(oh: i32, kh: i32, sh: i32, dh: i32): i32 {
  return (oh - 1) * sh + (kh - 1) * dh + 1;
}

/** Outputs per block: two 8-lane loads per tap. */
const BLOCK: i32 = 16;

/** Positions per phase: the loads of the last output block stay inside. */
@inline function phaseWidth(ow: i32, kw: i32, sw: i32, dw: i32): i32 {
  return roundUp(roundUp(ow, BLOCK) + (kw - 1) * dw / sw, 8);
}

/**
 * Scratch bytes i8_depthwise needs: the phased plane, one padded input row (stride > 1), one
 * block of int32 outputs (the last, partial block of a row) and one int32 offset per tap.
 */
export function i8_depthwise_scratch_size(oh: i32, ow: i32, kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32): i32 {
  const row = sw * phaseWidth(ow, kw, sw, dw) * 2;
  return paddedRows(oh, kh, sh, dh) * row + row + BLOCK * 4 + kh * kw * 4;
}

/** Row iy of the plane (w bytes) minus zp, with padL zeros before, as int16: `count` values at dst. */
@inline function paddedRow(src: usize, signed: i32, zp: i32, w: i32, padL: i32, count: i32, dst: usize): void {
  const run = insideRun(-padL, 1, w, count);
  const lo = run >> 16, hi = run & 0xffff;
  if (lo > 0) memory.fill(dst, 0, <usize>lo << 1);
  gather_i16(src + <usize>(lo - padL), 1, signed, zp, hi - lo, dst + (<usize>lo << 1));
  if (hi < count) memory.fill(dst + (<usize>hi << 1), 0, <usize>(count - hi) << 1);
}

/** Splits a padded row into its sw phases: position t of phase q is column t * sw + q. */
@inline function splitPhases(row: usize, sw: i32, pwq: i32, dst: usize): void {
  if (sw == 2) {
    for (let t = 0; t < pwq; t += 8) {
      const a = v128.load(row + (<usize>t << 2)), b = v128.load(row + (<usize>t << 2), 16);
      v128.store(dst + (<usize>t << 1), i16x8.shuffle(a, b, 0, 2, 4, 6, 8, 10, 12, 14));
      v128.store(dst + (<usize>(pwq + t) << 1), i16x8.shuffle(a, b, 1, 3, 5, 7, 9, 11, 13, 15));
    }
    return;
  }
  for (let q = 0; q < sw; q++) {
    for (let t = 0; t < pwq; t++) store<i16>(dst + (<usize>(q * pwq + t) << 1), load<i16>(row + (<usize>(t * sw + q) << 1)));
  }
}

/**
 * x: one image's `channels` planes (h x w bytes, zero point zp); wts: int16 [channels * mult,
 * kh * kw], the weights minus their zero points; y: int32 [channels * mult, oh, ow].
 */
export function i8_depthwise(
  x: usize, signed: i32, zp: i32, wts: usize, y: usize, channels: i32, mult: i32, h: i32, w: i32, kh: i32, kw: i32,
  padT: i32, padL: i32, sh: i32, sw: i32, dh: i32, dw: i32, oh: i32, ow: i32, scratch: usize,
): void {
  const rowsP = paddedRows(oh, kh, sh, dh), pwq = phaseWidth(ow, kw, sw, dw), ks = kh * kw;
  const rowBytes = <usize>(sw * pwq) << 1;
  const padded = scratch + <usize>rowsP * rowBytes;
  const tail = padded + rowBytes;
  const taps = tail + (<usize>BLOCK << 2);
  // byte offset of each tap from its output block's (oy * sh, ox0) in the plane
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const off = kx * dw;
      store<i32>(taps + (<usize>(ky * kw + kx) << 2), ((ky * dh * sw + off % sw) * pwq + off / sw) << 1);
    }
  }
  for (let c = 0; c < channels; c++) {
    const plane = x + <usize>c * <usize>h * <usize>w;
    for (let r = 0; r < rowsP; r++) {
      const iy = r - padT;
      const dst = scratch + <usize>r * rowBytes;
      if (<u32>iy >= <u32>h) memory.fill(dst, 0, rowBytes);
      else if (sw == 1) paddedRow(plane + <usize>iy * <usize>w, signed, zp, w, padL, pwq, dst);
      else {
        paddedRow(plane + <usize>iy * <usize>w, signed, zp, w, padL, sw * pwq, padded);
        splitPhases(padded, sw, pwq, dst);
      }
    }
    for (let m = 0; m < mult; m++) {
      const oc = c * mult + m;
      const wrow = wts + (<usize>(oc * ks) << 1);
      const yc = y + (<usize>oc * <usize>oh * <usize>ow << 2);
      for (let oy = 0; oy < oh; oy++) {
        const base = scratch + <usize>(oy * sh) * rowBytes;
        const yrow = yc + (<usize>(oy * ow) << 2);
        for (let ox0 = 0; ox0 < ow; ox0 += BLOCK) {
          let acc0 = i32x4.splat(0), acc1 = i32x4.splat(0), acc2 = i32x4.splat(0), acc3 = i32x4.splat(0);
          const at = base + (<usize>ox0 << 1);
          for (let t = 0; t < ks; t++) {
            const xp = at + <usize>load<i32>(taps + (<usize>t << 2));
            const x0 = v128.load(xp), x1 = v128.load(xp, 16);
            const wv = v128.load16_splat(wrow + (<usize>t << 1));
            acc0 = i32x4.add(acc0, i32x4.extmul_low_i16x8_s(x0, wv));
            acc1 = i32x4.add(acc1, i32x4.extmul_high_i16x8_s(x0, wv));
            acc2 = i32x4.add(acc2, i32x4.extmul_low_i16x8_s(x1, wv));
            acc3 = i32x4.add(acc3, i32x4.extmul_high_i16x8_s(x1, wv));
          }
          const left = ow - ox0;
          const yp = left >= BLOCK ? yrow + (<usize>ox0 << 2) : tail;
          v128.store(yp, acc0);
          v128.store(yp, acc1, 16);
          v128.store(yp, acc2, 32);
          v128.store(yp, acc3, 48);
          if (left < BLOCK) memory.copy(yrow + (<usize>ox0 << 2), tail, <usize>left << 2);
        }
      }
    }
  }
}
