// wasm_f32_binary / wasm_f32_unary: element-wise arithmetic for the broadcast patterns that
// dominate CNNs and transformers; the op layer sends every other pattern to the reference.
import { activate_range } from './activation';

export const OP_ADD: i32 = 0;
export const OP_MUL: i32 = 1;

/** Same-shape operands, or `b` as a scalar (bLen 1), or `b` repeating every bLen elements. */
@inline function apply4(op: i32, a: v128, b: v128): v128 {
  return op == OP_ADD ? f32x4.add(a, b) : f32x4.mul(a, b);
}

@inline function apply1(op: i32, a: f32, b: f32): f32 {
  return op == OP_ADD ? a + b : a * b;
}

/** y[i] = a[i] op b[i % bLen] for i < n; bLen divides n. */
export function binary_f32(op: i32, a: usize, b: usize, y: usize, n: i32, bLen: i32): void {
  if (bLen == 1) {
    const bs = load<f32>(b), bv = f32x4.splat(bs);
    let i = 0;
    for (; i + 4 <= n; i += 4) v128.store(y + (<usize>i << 2), apply4(op, v128.load(a + (<usize>i << 2)), bv));
    for (; i < n; i++) store<f32>(y + (<usize>i << 2), apply1(op, load<f32>(a + (<usize>i << 2)), bs));
    return;
  }
  for (let base = 0; base < n; base += bLen) {
    const ap = a + (<usize>base << 2), yp = y + (<usize>base << 2);
    let i = 0;
    for (; i + 4 <= bLen; i += 4) {
      const o = <usize>i << 2;
      v128.store(yp + o, apply4(op, v128.load(ap + o), v128.load(b + o)));
    }
    for (; i < bLen; i++) {
      const o = <usize>i << 2;
      store<f32>(yp + o, apply1(op, load<f32>(ap + o), load<f32>(b + o)));
    }
  }
}

/** y[(o * channels + c) * inner + i] = a[same] op b[c]: a per-channel operand of shape [C,1,...]. */
export function binary_channel_f32(op: i32, a: usize, b: usize, y: usize, outer: i32, channels: i32, inner: i32): void {
  let p: usize = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const bs = load<f32>(b + (<usize>c << 2)), bv = f32x4.splat(bs);
      let i = 0;
      for (; i + 4 <= inner; i += 4) {
        const q = (p + <usize>i) << 2;
        v128.store(y + q, apply4(op, v128.load(a + q), bv));
      }
      for (; i < inner; i++) {
        const q = (p + <usize>i) << 2;
        store<f32>(y + q, apply1(op, load<f32>(a + q), bs));
      }
      p += <usize>inner;
    }
  }
}

/** y = act(x) over n floats (Relu, Clip, LeakyRelu, Sigmoid... as numbered in activation.ts). */
export function unary_f32(x: usize, y: usize, n: i32, kind: i32, p0: f32, p1: f32): void {
  activate_range(x, y, n, kind, p0, p1);
}
