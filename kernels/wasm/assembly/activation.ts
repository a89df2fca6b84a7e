// The activation epilogue applied to results as they are stored. Kinds are numbered as in
// kernels/wasm/wasm-activation.ts on the JavaScript side.
import { exp4, sigmoid4 } from './simd';

export const ACT_NONE: i32 = 0;
export const ACT_RELU: i32 = 1;
export const ACT_CLIP: i32 = 2;
export const ACT_LEAKY_RELU: i32 = 3;
export const ACT_SIGMOID: i32 = 4;
export const ACT_HARD_SIGMOID: i32 = 5;
export const ACT_HARD_SWISH: i32 = 6;
export const ACT_TANH: i32 = 7;
export const ACT_SILU: i32 = 8;

/** Applies activation `kind` with parameters p0, p1 to four lanes. */
export function activate4(v: v128, kind: i32, p0: f32, p1: f32): v128 {
  switch (kind) {
    case ACT_RELU: {
      // keeps NaN, like the reference `if (v < 0) v = 0`
      return v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
    }
    case ACT_CLIP: {
      const lo = f32x4.splat(p0), hi = f32x4.splat(p1);
      const r = v128.bitselect(lo, v, f32x4.lt(v, lo));
      return v128.bitselect(hi, r, f32x4.gt(r, hi));
    }
    case ACT_LEAKY_RELU: {
      return v128.bitselect(f32x4.mul(v, f32x4.splat(p0)), v, f32x4.lt(v, f32x4.splat(0)));
    }
    case ACT_SIGMOID: return sigmoid4(v);
    case ACT_HARD_SIGMOID: {
      const t = f32x4.add(f32x4.mul(v, f32x4.splat(p0)), f32x4.splat(p1));
      return f32x4.max(f32x4.splat(0), f32x4.min(f32x4.splat(1), t));
    }
    case ACT_HARD_SWISH: {
      const t = f32x4.add(f32x4.mul(v, f32x4.splat(<f32>(1.0 / 6.0))), f32x4.splat(0.5));
      return f32x4.mul(v, f32x4.max(f32x4.splat(0), f32x4.min(f32x4.splat(1), t)));
    }
    case ACT_TANH: {
      // 1 - 2 / (e^(2x) + 1) saturates cleanly to +-1 for large |x|
      const e = exp4(f32x4.add(v, v));
      const one = f32x4.splat(1);
      return f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(e, one)));
    }
    case ACT_SILU: return f32x4.mul(v, sigmoid4(v));
    default: return v;
  }
}

/** One value through the same code as the vector path, so tails match bodies exactly. */
@inline export function activate1(x: f32, kind: i32, p0: f32, p1: f32): f32 {
  return f32x4.extract_lane(activate4(f32x4.splat(x), kind, p0, p1), 0);
}

/** In place over `n` floats at `p`. */
export function activate_range(p: usize, n: i32, kind: i32, p0: f32, p1: f32): void {
  if (kind == ACT_NONE) return;
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(p + (<usize>i << 2), activate4(v128.load(p + (<usize>i << 2)), kind, p0, p1));
  for (; i < n; i++) store<f32>(p + (<usize>i << 2), activate1(load<f32>(p + (<usize>i << 2)), kind, p0, p1));
}
