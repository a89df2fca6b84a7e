// wasm_i8_requantize: QLinearConv's output stage, int32 sums back to 8 bits per output channel:
// saturate(round_half_even((acc + bias) * scale) + zp), in float64 as the reference computes it
// (the sum of two int32s is exact there, the product rounds once, f64.nearest ties to even).

@inline function requantize2(acc: v128, bv: v128, sv: v128, zv: v128, lo: v128, hi: v128): v128 {
  const q = f64x2.add(f64x2.nearest(f64x2.mul(f64x2.add(f64x2.convert_low_i32x4_s(acc), bv), sv)), zv);
  return i32x4.trunc_sat_f64x2_s_zero(f64x2.pmin(hi, f64x2.pmax(lo, q)));
}

@inline function requantize1(acc: i32, b: f64, s: f64, z: f64, lo: f64, hi: f64): i32 {
  const q = nearest<f64>((<f64>acc + b) * s) + z;
  return <i32>(q < lo ? lo : q > hi ? hi : q);
}

/**
 * acc: int32 [channels, plane]; bias and scales: one float64 per channel; y: `channels * plane`
 * bytes, int8 when `signed`, else uint8. The caller keeps scales finite.
 */
export function i8_requantize(acc: usize, bias: usize, scales: usize, channels: i32, plane: i32, zp: i32, signed: i32, y: usize): void {
  const lo = signed ? -128.0 : 0.0, hi = signed ? 127.0 : 255.0;
  const lov = f64x2.splat(lo), hiv = f64x2.splat(hi), zv = f64x2.splat(<f64>zp);
  for (let c = 0; c < channels; c++) {
    const b = load<f64>(bias + (<usize>c << 3)), s = load<f64>(scales + (<usize>c << 3));
    const bv = f64x2.splat(b), sv = f64x2.splat(s);
    const src = acc + (<usize>c * <usize>plane << 2), dst = y + <usize>c * <usize>plane;
    let i = 0;
    for (; i + 8 <= plane; i += 8) {
      const a0 = v128.load(src + (<usize>i << 2)), a1 = v128.load(src + (<usize>i << 2), 16);
      const q0 = requantize2(a0, bv, sv, zv, lov, hiv), q1 = requantize2(i32x4.shuffle(a0, a0, 2, 3, 0, 1), bv, sv, zv, lov, hiv);
      const q2 = requantize2(a1, bv, sv, zv, lov, hiv), q3 = requantize2(i32x4.shuffle(a1, a1, 2, 3, 0, 1), bv, sv, zv, lov, hiv);
      // lanes 0 and 1 of each hold two results: gather the 8 in order, then narrow (exact, in range)
      const lo4 = i32x4.shuffle(q0, q1, 0, 1, 4, 5), hi4 = i32x4.shuffle(q2, q3, 0, 1, 4, 5);
      const h = i16x8.narrow_i32x4_s(lo4, hi4);
      const bytes = signed ? i8x16.narrow_i16x8_s(h, h) : i8x16.narrow_i16x8_u(h, h);
      v128.store64_lane(dst + <usize>i, bytes, 0);
    }
    for (; i < plane; i++) store<i8>(dst + <usize>i, <i8>requantize1(load<i32>(src + (<usize>i << 2)), b, s, <f64>zp, lo, hi));
  }
}

/**
 * acc: int32 [rows, cols]; scales: one float64 per column; y: `rows * cols` bytes. QLinearMatMul's
 * per-column case, 8 columns a step (the per-channel kernel above would take one value a call).
 */
export function i8_requantize_cols(acc: usize, scales: usize, rows: i32, cols: i32, zp: i32, signed: i32, y: usize): void {
  const lo = signed ? -128.0 : 0.0, hi = signed ? 127.0 : 255.0;
  const lov = f64x2.splat(lo), hiv = f64x2.splat(hi), zv = f64x2.splat(<f64>zp), none = f64x2.splat(0);
  for (let r = 0; r < rows; r++) {
    const src = acc + (<usize>r * <usize>cols << 2), dst = y + <usize>r * <usize>cols;
    let j = 0;
    for (; j + 8 <= cols; j += 8) {
      const a0 = v128.load(src + (<usize>j << 2)), a1 = v128.load(src + (<usize>j << 2), 16);
      const s = scales + (<usize>j << 3);
      const q0 = requantize2(a0, none, v128.load(s), zv, lov, hiv);
      const q1 = requantize2(i32x4.shuffle(a0, a0, 2, 3, 0, 1), none, v128.load(s, 16), zv, lov, hiv);
      const q2 = requantize2(a1, none, v128.load(s, 32), zv, lov, hiv);
      const q3 = requantize2(i32x4.shuffle(a1, a1, 2, 3, 0, 1), none, v128.load(s, 48), zv, lov, hiv);
      const h = i16x8.narrow_i32x4_s(i32x4.shuffle(q0, q1, 0, 1, 4, 5), i32x4.shuffle(q2, q3, 0, 1, 4, 5));
      const bytes = signed ? i8x16.narrow_i16x8_s(h, h) : i8x16.narrow_i16x8_u(h, h);
      v128.store64_lane(dst + <usize>j, bytes, 0);
    }
    for (; j < cols; j++) {
      store<i8>(dst + <usize>j, <i8>requantize1(load<i32>(src + (<usize>j << 2)), 0, load<f64>(scales + (<usize>j << 3)), <f64>zp, lo, hi));
    }
  }
}

/**
 * acc: int32 [rows, cols] to float32 y: float32(acc) * scale (+ bias), MatMulIntegerToFloat's
 * output stage, in the float32 steps of Cast then Mul then Add. scales: one float32, or one per
 * column when perColumn; bias: one float32 per column, or 0 for none.
 */
export function i32_scale_bias_cols(acc: usize, scales: usize, perColumn: i32, bias: usize, rows: i32, cols: i32, y: usize): void {
  const one = f32x4.splat(load<f32>(scales));
  for (let r = 0; r < rows; r++) {
    const at = <usize>r * <usize>cols << 2;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      let v = f32x4.mul(f32x4.convert_i32x4_s(v128.load(acc + at + o)), perColumn ? v128.load(scales + o) : one);
      if (bias) v = f32x4.add(v, v128.load(bias + o));
      v128.store(y + at + o, v);
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      let v = <f32>load<i32>(acc + at + o) * load<f32>(scales + (perColumn ? o : 0));
      if (bias) v += load<f32>(bias + o);
      store<f32>(y + at + o, v);
    }
  }
}
