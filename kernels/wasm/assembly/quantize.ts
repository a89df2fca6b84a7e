// QuantizeLinear and DequantizeLinear with one scale and zero point, 8 bits either signedness
// (DynamicQuantizeLinear's uint8 pass too), in float32 as the reference computes them: the
// quotient and the product are float32's correctly rounded ones, and adding the integral zero
// point is exact below 2^24 (above it the clamp hides any rounding).

/** One value of quantize_8: clamp(round_half_even(v / scale) + zero, lo, hi), NaN to 0. */
@inline function quantize1(v: f32, scale: f32, zero: f32, lo: f32, hi: f32): i32 {
  let q = nearest<f32>(v / scale) + zero;
  q = lo < q ? q : lo;
  q = hi < q ? hi : q;
  return v != v ? 0 : <i32>q;
}

@inline function quantize4(v: v128, sv: v128, zv: v128, lo: v128, hi: v128): v128 {
  const q = f32x4.add(f32x4.nearest(f32x4.div(v, sv)), zv);
  // pmax(lo, q) = lo < q ? q : lo sends NaN to lo; the mask then makes it 0, as the
  // reference's typed-array store does
  return v128.and(i32x4.trunc_sat_f32x4_s(f32x4.pmin(hi, f32x4.pmax(lo, q))), f32x4.eq(v, v));
}

/** y = saturate(round_half_even(x / scale) + zero): int8 when `signed`, else uint8; NaN to 0. */
export function quantize_8(x: usize, y: usize, n: i32, scale: f32, zero: f32, signed: i32): void {
  const lo: f32 = signed ? -128 : 0, hi: f32 = signed ? 127 : 255;
  const sv = f32x4.splat(scale), zv = f32x4.splat(zero), lov = f32x4.splat(lo), hiv = f32x4.splat(hi);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = x + (<usize>i << 2);
    const q0 = quantize4(v128.load(p), sv, zv, lov, hiv), q1 = quantize4(v128.load(p, 16), sv, zv, lov, hiv);
    const q2 = quantize4(v128.load(p, 32), sv, zv, lov, hiv), q3 = quantize4(v128.load(p, 48), sv, zv, lov, hiv);
    const h0 = i16x8.narrow_i32x4_s(q0, q1), h1 = i16x8.narrow_i32x4_s(q2, q3);
    v128.store(y + <usize>i, signed ? i8x16.narrow_i16x8_s(h0, h1) : i8x16.narrow_i16x8_u(h0, h1));
  }
  for (; i < n; i++) store<i8>(y + <usize>i, <i8>quantize1(load<f32>(x + (<usize>i << 2)), scale, zero, lo, hi));
}

/** y = (x - zero) * scale to float32, x int8 when `signed`, else uint8. */
export function dequantize_8(x: usize, y: usize, n: i32, scale: f32, zero: i32, signed: i32): void {
  const sv = f32x4.splat(scale), zv = i32x4.splat(zero);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const b = v128.load(x + <usize>i);
    const lo = signed ? i16x8.extend_low_i8x16_s(b) : i16x8.extend_low_i8x16_u(b);
    const hi = signed ? i16x8.extend_high_i8x16_s(b) : i16x8.extend_high_i8x16_u(b);
    const p = y + (<usize>i << 2);
    v128.store(p, f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(i32x4.extend_low_i16x8_s(lo), zv)), sv));
    v128.store(p, f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(i32x4.extend_high_i16x8_s(lo), zv)), sv), 16);
    v128.store(p, f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(i32x4.extend_low_i16x8_s(hi), zv)), sv), 32);
    v128.store(p, f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(i32x4.extend_high_i16x8_s(hi), zv)), sv), 48);
  }
  for (; i < n; i++) {
    const v: i32 = signed ? <i32>load<i8>(x + <usize>i) : <i32>load<u8>(x + <usize>i);
    store<f32>(y + (<usize>i << 2), <f32>(v - zero) * scale);
  }
}
