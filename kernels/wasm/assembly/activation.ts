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

/**
 * Applies activation `kind` with parameters p0, p1 to four lanes. Inlined where `kind` is a
 * constant (the switch folds away); called through activate4 where it is not.
 */
@inline export function act4(v: v128, kind: i32, p0: f32, p1: f32): v128 {
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

/** act4 with a run-time kind, out of line (epilogues call it once per stored vector). */
export function activate4(v: v128, kind: i32, p0: f32, p1: f32): v128 {
  return act4(v, kind, p0, p1);
}

/** One value through the same code as the vector path, so tails match bodies exactly. */
@inline export function activate1(x: f32, kind: i32, p0: f32, p1: f32): f32 {
  return f32x4.extract_lane(activate4(f32x4.splat(x), kind, p0, p1), 0);
}

/** y = act(x) over n floats, the loop specialized for one constant kind. */
@inline function mapRange(x: usize, y: usize, n: i32, kind: i32, p0: f32, p1: f32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(y + (<usize>i << 2), act4(v128.load(x + (<usize>i << 2)), kind, p0, p1));
  for (; i < n; i++) store<f32>(y + (<usize>i << 2), activate1(load<f32>(x + (<usize>i << 2)), kind, p0, p1));
}

/** y = act(x) over n floats (x == y allowed). */
export function activate_range(x: usize, y: usize, n: i32, kind: i32, p0: f32, p1: f32): void {
  switch (kind) {
    case ACT_RELU: mapRange(x, y, n, ACT_RELU, p0, p1); break;
    case ACT_CLIP: mapRange(x, y, n, ACT_CLIP, p0, p1); break;
    case ACT_LEAKY_RELU: mapRange(x, y, n, ACT_LEAKY_RELU, p0, p1); break;
    case ACT_SIGMOID: mapRange(x, y, n, ACT_SIGMOID, p0, p1); break;
    case ACT_HARD_SIGMOID: mapRange(x, y, n, ACT_HARD_SIGMOID, p0, p1); break;
    case ACT_HARD_SWISH: mapRange(x, y, n, ACT_HARD_SWISH, p0, p1); break;
    case ACT_TANH: mapRange(x, y, n, ACT_TANH, p0, p1); break;
    case ACT_SILU: mapRange(x, y, n, ACT_SILU, p0, p1); break;
    default: if (x != y) memory.copy(y, x, <usize>n << 2);
  }
}
