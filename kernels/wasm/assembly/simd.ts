// Vector helpers shared by the kernels. `madd` is a fused multiply-add in the relaxed-SIMD
// build (one FMA instruction) and a multiply then add in the plain-SIMD build; the choice is
// made at compile time, so each .wasm has no branch for it.

@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** e^x for four lanes (Cephes' expf: range reduction by ln 2, degree-5 polynomial), ~1 ulp. */
@inline export function exp4(v: v128): v128 {
  // pmin/pmax are single instructions; NaN is restored at the end
  let x = f32x4.pmin(f32x4.pmax(v, f32x4.splat(-87.33654)), f32x4.splat(88.37626));
  // round to nearest by the 1.5 * 2^23 trick: the sum's low mantissa bits hold n + 127
  const magic = f32x4.splat(12582912.0 + 127.0);
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504)), magic);
  const n = f32x4.sub(shifted, magic);
  // ln 2 split in a high part exact in float32 and a low correction
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, x, f32x4.splat(1.3981999507e-3));
  p = madd(p, x, f32x4.splat(8.3334519073e-3));
  p = madd(p, x, f32x4.splat(4.1665795894e-2));
  p = madd(p, x, f32x4.splat(1.6666665459e-1));
  p = madd(p, x, f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(madd(p, f32x4.mul(x, x), x), f32x4.splat(1));
  // 2^n: n + 127 moved from the low mantissa bits into the exponent field
  const scale = i32x4.shl(shifted, 23);
  const r = f32x4.mul(y, scale);
  // NaN in, NaN out (the clamp above would have turned it into a number)
  return v128.bitselect(r, v, f32x4.eq(v, v));
}

@inline export function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))));
}
