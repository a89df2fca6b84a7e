// wasm_f32_im2col_pack: the patches of a 2D convolution written straight into the packed-B
// layout of gemm-pack.ts, so a convolution is one packed GEMM with no intermediate matrix.
// Row kk of the virtual im2col matrix is (channel, ky, kx); column j is output pixel j.
import { KC, NR, roundUp } from './gemm-pack';

/**
 * x: one image's `channels` planes of h x w. Output: packed B of K = channels*kh*kw rows and
 * N = oh*ow columns.
 */
export function im2col_pack_b(
  x: usize, channels: i32, h: i32, w: i32, kh: i32, kw: i32, padT: i32, padL: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, oh: i32, ow: i32, dst: usize,
): void {
  const k = channels * kh * kw, n = oh * ow, nPad = roundUp(n, NR), khw = kh * kw;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    let out = dst + (<usize>pc * <usize>nPad << 2);
    for (let j0 = 0; j0 < n; j0 += NR) {
      const oy0 = j0 / ow, ox0 = j0 - oy0 * ow;
      // a panel inside one output row with unit stride reads 8 adjacent input pixels
      const oneRow = j0 + NR <= n && ox0 + NR <= ow;
      let ci = pc / khw, rem = pc - ci * khw;
      let ky = rem / kw, kx = rem - ky * kw;
      for (let p = 0; p < kc; p++) {
        const plane = x + (<usize>ci * <usize>h * <usize>w << 2);
        const yOff = ky * dh - padT, xOff = kx * dw - padL;
        if (oneRow) {
          const iy = oy0 * sh + yOff;
          const ix0 = ox0 * sw + xOff;
          if (iy < 0 || iy >= h) {
            v128.store(out, f32x4.splat(0));
            v128.store(out, f32x4.splat(0), 16);
          } else if (sw == 1 && ix0 >= 0 && ix0 + NR <= w) {
            const src = plane + ((<usize>iy * <usize>w + <usize>ix0) << 2);
            v128.store(out, v128.load(src));
            v128.store(out, v128.load(src, 16), 16);
          } else if (sw == 2 && ix0 >= 0 && ix0 + 2 * NR <= w) {
            // stride 2 (the stem convolutions): the even pixels of 16 adjacent ones
            const src = plane + ((<usize>iy * <usize>w + <usize>ix0) << 2);
            v128.store(out, i32x4.shuffle(v128.load(src), v128.load(src, 16), 0, 2, 4, 6));
            v128.store(out, i32x4.shuffle(v128.load(src, 32), v128.load(src, 48), 0, 2, 4, 6), 16);
          } else {
            const row = plane + (<usize>iy * <usize>w << 2);
            for (let t = 0; t < NR; t++) {
              const ix = ix0 + t * sw;
              store<f32>(out + (<usize>t << 2), ix >= 0 && ix < w ? load<f32>(row + (<usize>ix << 2)) : 0);
            }
          }
        } else {
          let oy = oy0, ox = ox0;
          for (let t = 0; t < NR; t++) {
            let v: f32 = 0;
            if (j0 + t < n) {
              const iy = oy * sh + yOff, ix = ox * sw + xOff;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) v = load<f32>(plane + ((<usize>iy * <usize>w + <usize>ix) << 2));
            }
            store<f32>(out + (<usize>t << 2), v);
            if (++ox == ow) { ox = 0; oy++; }
          }
        }
        out += NR << 2;
        if (++kx == kw) { kx = 0; if (++ky == kh) { ky = 0; ci++; } }
      }
    }
  }
}
