// wasm_f32_dwconv_3x3: depthwise 3x3 convolution (one filter per channel, MobileNet's middle
// layer), stride 1 or 2, dilation 1, any padding. Each channel is first copied into a
// zero-bordered scratch plane so the inner loops read without bounds checks; four outputs of
// a row are computed per step. An optional residual `z` (shaped like y) is added before the
// activation.
import { activate1, activate4 } from './activation';
import { madd } from './simd';

/** Floats of scratch dwconv_3x3 needs for one plane. */
export function dwconv_3x3_scratch_size(oh: i32, ow: i32, stride: i32): i32 {
  const rows = (oh - 1) * stride + 3;
  return rows * dwconv_padded_width(ow, stride);
}

@inline function dwconv_padded_width(ow: i32, stride: i32): i32 {
  // room for the last vector step's reads past the row end
  return ((ow + 3) & ~3) * stride + 8;
}

export function dwconv_3x3(
  x: usize, wts: usize, bias: usize, y: usize, channels: i32, h: i32, w: i32, oh: i32, ow: i32,
  padT: i32, padL: i32, stride: i32, z: usize, act: i32, p0: f32, p1: f32, scratch: usize,
): void {
  dwconv_3x3_range(x, wts, bias, y, channels, h, w, oh, ow, padT, padL, stride, z, act, p0, p1, scratch, 0, channels);
}

/**
 * Planes [planeBegin, planeEnd) of dwconv_3x3 over a batch laid out as consecutive images of
 * `channels` planes (plane p uses filter p % channels). Each plane is computed exactly as in
 * one call, so threads splitting the planes produce the same bits; each needs its own scratch.
 */
export function dwconv_3x3_range(
  x: usize, wts: usize, bias: usize, y: usize, channels: i32, h: i32, w: i32, oh: i32, ow: i32,
  padT: i32, padL: i32, stride: i32, z: usize, act: i32, p0: f32, p1: f32, scratch: usize,
  planeBegin: i32, planeEnd: i32,
): void {
  const pw = dwconv_padded_width(ow, stride);
  const rows = (oh - 1) * stride + 3;
  const planeIn = <usize>h * <usize>w, planeOut = <usize>oh * <usize>ow;
  for (let plane = planeBegin; plane < planeEnd; plane++) {
    const c = plane % channels;
    // zero-bordered copy: padded row r holds input row r - padT, shifted right by padL
    memory.fill(scratch, 0, <usize>rows * <usize>pw << 2);
    const src = x + (<usize>plane * planeIn << 2);
    for (let r = 0; r < rows; r++) {
      const iy = r - padT;
      if (iy < 0 || iy >= h) continue;
      const x0 = max(0, -padL), x1 = min(w, pw - padL);
      if (x1 > x0) memory.copy(scratch + ((<usize>r * <usize>pw + <usize>(x0 + padL)) << 2), src + ((<usize>iy * <usize>w + <usize>x0) << 2), <usize>(x1 - x0) << 2);
    }
    const wp = wts + (<usize>c * 9 << 2);
    const w0 = v128.load32_splat(wp), w1 = v128.load32_splat(wp, 4), w2 = v128.load32_splat(wp, 8);
    const w3 = v128.load32_splat(wp, 12), w4 = v128.load32_splat(wp, 16), w5 = v128.load32_splat(wp, 20);
    const w6 = v128.load32_splat(wp, 24), w7 = v128.load32_splat(wp, 28), w8 = v128.load32_splat(wp, 32);
    const bv = bias ? v128.load32_splat(bias + (<usize>c << 2)) : f32x4.splat(0);
    const dst = y + (<usize>plane * planeOut << 2);
    const sum = z ? z + (<usize>plane * planeOut << 2) : 0;
    for (let oy = 0; oy < oh; oy++) {
      const r0 = scratch + (<usize>(oy * stride) * <usize>pw << 2);
      const r1 = r0 + (<usize>pw << 2), r2 = r1 + (<usize>pw << 2);
      const orow = dst + (<usize>oy * <usize>ow << 2);
      const zrow = sum ? sum + (<usize>oy * <usize>ow << 2) : 0;
      for (let ox = 0; ox < ow; ox += 4) {
        let s0: v128, s1: v128, s2: v128;
        if (stride == 1) {
          const o = <usize>ox << 2;
          s0 = madd(w2, v128.load(r0 + o, 8), madd(w1, v128.load(r0 + o, 4), madd(w0, v128.load(r0 + o), bv)));
          s1 = madd(w5, v128.load(r1 + o, 8), madd(w4, v128.load(r1 + o, 4), f32x4.mul(w3, v128.load(r1 + o))));
          s2 = madd(w8, v128.load(r2 + o, 8), madd(w7, v128.load(r2 + o, 4), f32x4.mul(w6, v128.load(r2 + o))));
        } else {
          // stride 2: even and odd columns deinterleaved from two adjacent vectors
          const o = <usize>(ox * 2) << 2;
          s0 = tap3s2(r0 + o, w0, w1, w2, bv);
          s1 = tap3s2(r1 + o, w3, w4, w5, f32x4.splat(0));
          s2 = tap3s2(r2 + o, w6, w7, w8, f32x4.splat(0));
        }
        let v = f32x4.add(f32x4.add(s0, s1), s2);
        const left = ow - ox;
        if (left >= 4) {
          if (zrow) v = f32x4.add(v, v128.load(zrow + (<usize>ox << 2)));
          v128.store(orow + (<usize>ox << 2), act ? activate4(v, act, p0, p1) : v);
        } else {
          for (let t = 0; t < left; t++) {
            let s = f32x4.extract_lane(v, 0);
            if (t == 1) s = f32x4.extract_lane(v, 1);
            else if (t == 2) s = f32x4.extract_lane(v, 2);
            if (zrow) s += load<f32>(zrow + (<usize>(ox + t) << 2));
            store<f32>(orow + (<usize>(ox + t) << 2), act ? activate1(s, act, p0, p1) : s);
          }
        }
      }
    }
  }
}

@inline function tap3s2(p: usize, wa: v128, wb: v128, wc: v128, acc: v128): v128 {
  const a = v128.load(p), b = v128.load(p, 16);
  const even = i32x4.shuffle(a, b, 0, 2, 4, 6);
  const odd = i32x4.shuffle(a, b, 1, 3, 5, 7);
  const c = v128.load(p, 8), d = v128.load(p, 24);
  const even2 = i32x4.shuffle(c, d, 0, 2, 4, 6);
  return madd(wc, even2, madd(wb, odd, madd(wa, even, acc)));
}
