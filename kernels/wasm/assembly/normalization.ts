// wasm_f32_softmax_rows and wasm_f32_layer_norm_rows: row-wise reductions over the last
// (flattened) axis.
import { exp4 } from './simd';

@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Softmax of each of `rows` rows of `cols` floats: exp(x - max) / sum. */
export function softmax_rows(x: usize, y: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const xp = x + (<usize>r * <usize>cols << 2), yp = y + (<usize>r * <usize>cols << 2);
    let mv = f32x4.splat(-Infinity);
    let i = 0;
    for (; i + 4 <= cols; i += 4) mv = f32x4.max(mv, v128.load(xp + (<usize>i << 2)));
    let m = max(max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
    for (; i < cols; i++) m = max(m, load<f32>(xp + (<usize>i << 2)));
    const ms = f32x4.splat(m);
    let sv = f32x4.splat(0);
    i = 0;
    for (; i + 4 <= cols; i += 4) {
      const e = exp4(f32x4.sub(v128.load(xp + (<usize>i << 2)), ms));
      v128.store(yp + (<usize>i << 2), e);
      sv = f32x4.add(sv, e);
    }
    let s = hsum(sv);
    for (; i < cols; i++) {
      const e = f32x4.extract_lane(exp4(f32x4.splat(load<f32>(xp + (<usize>i << 2)) - m)), 0);
      store<f32>(yp + (<usize>i << 2), e);
      s += e;
    }
    const inv = f32x4.splat(<f32>1 / s);
    i = 0;
    for (; i + 4 <= cols; i += 4) v128.store(yp + (<usize>i << 2), f32x4.mul(v128.load(yp + (<usize>i << 2)), inv));
    for (; i < cols; i++) store<f32>(yp + (<usize>i << 2), load<f32>(yp + (<usize>i << 2)) * f32x4.extract_lane(inv, 0));
  }
}

/**
 * Layer normalization of each row: (x - mean) / sqrt(var + eps) * scale + bias, scale and bias
 * of `cols` floats (bias 0 = none). mean and invStd (0 = not wanted) receive one float per row.
 */
export function layer_norm_rows(
  x: usize, scale: usize, bias: usize, y: usize, rows: i32, cols: i32, eps: f32, mean: usize, invStd: usize,
): void {
  for (let r = 0; r < rows; r++) {
    const xp = x + (<usize>r * <usize>cols << 2), yp = y + (<usize>r * <usize>cols << 2);
    let sv = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= cols; i += 4) sv = f32x4.add(sv, v128.load(xp + (<usize>i << 2)));
    let s = hsum(sv);
    for (; i < cols; i++) s += load<f32>(xp + (<usize>i << 2));
    const mu = s / <f32>cols, mv = f32x4.splat(mu);
    // two passes: the variance of centred values does not cancel catastrophically
    let qv = f32x4.splat(0);
    i = 0;
    for (; i + 4 <= cols; i += 4) {
      const d = f32x4.sub(v128.load(xp + (<usize>i << 2)), mv);
      qv = f32x4.add(qv, f32x4.mul(d, d));
    }
    let q = hsum(qv);
    for (; i < cols; i++) { const d = load<f32>(xp + (<usize>i << 2)) - mu; q += d * d; }
    const inv: f32 = <f32>1 / Mathf.sqrt(q / <f32>cols + eps);
    if (mean) store<f32>(mean + (<usize>r << 2), mu);
    if (invStd) store<f32>(invStd + (<usize>r << 2), inv);
    const iv = f32x4.splat(inv);
    i = 0;
    for (; i + 4 <= cols; i += 4) {
      const o = <usize>i << 2;
      let v = f32x4.mul(f32x4.mul(f32x4.sub(v128.load(xp + o), mv), iv), v128.load(scale + o));
      if (bias) v = f32x4.add(v, v128.load(bias + o));
      v128.store(yp + o, v);
    }
    for (; i < cols; i++) {
      const o = <usize>i << 2;
      let v = (load<f32>(xp + o) - mu) * inv * load<f32>(scale + o);
      if (bias) v += load<f32>(bias + o);
      store<f32>(yp + o, v);
    }
  }
}
