// wasm_f32_gemm_4x8: C = op(A) * op(B) (alpha folded into packed A) + beta * C, then a bias
// along rows or columns and an activation, on packed operands (see gemm-pack.ts).
// The 4x8 tile keeps 8 accumulators plus 2 B vectors and an A splat in registers: V8 gives
// wasm 15 usable xmm registers on x64, and larger tiles measured slower because they spill.
import { act4, activate1, activate4, ACT_CLIP, ACT_NONE, ACT_RELU } from './activation';
import { KC, MC, MR, NR, roundUp } from './gemm-pack';
import { madd } from './simd';

export const BIAS_NONE: i32 = 0;
/** bias[i] added to row i (a convolution's per-output-channel bias). */
export const BIAS_ROWS: i32 = 1;
/** bias[j] added to column j (a fully connected layer's bias). */
export const BIAS_COLS: i32 = 2;

// The epilogue of the current call, kept in globals so the micro-kernel's signature stays small.
let beta: f32 = 0;
let bias: usize = 0;
let biasMode: i32 = BIAS_NONE;
let act: i32 = ACT_NONE;
let actP0: f32 = 0;
let actP1: f32 = 0;

/** Sets the epilogue for the following gemm_packed calls. */
export function gemm_set_epilogue(beta_: f32, bias_: usize, biasMode_: i32, act_: i32, p0: f32, p1: f32): void {
  beta = beta_; bias = bias_; biasMode = biasMode_; act = act_; actP0 = p0; actP1 = p1;
}

/**
 * Merges two accumulators (8 columns of one row) into C at `cp`: on the first k block
 * C = acc + beta * C (C unread when beta is 0), later C += acc; on the last block the bias
 * and the activation follow.
 */
@inline function finishRow(cp: usize, a0: v128, a1: v128, row: i32, col: i32, first: bool, last: bool): void {
  let v0 = a0, v1 = a1;
  if (first) {
    if (beta != 0) {
      const bv = f32x4.splat(beta);
      v0 = madd(bv, v128.load(cp), v0);
      v1 = madd(bv, v128.load(cp, 16), v1);
    }
  } else {
    v0 = f32x4.add(v0, v128.load(cp));
    v1 = f32x4.add(v1, v128.load(cp, 16));
  }
  if (last) {
    if (biasMode == BIAS_ROWS) {
      const bv = v128.load32_splat(bias + (<usize>row << 2));
      v0 = f32x4.add(v0, bv);
      v1 = f32x4.add(v1, bv);
    } else if (biasMode == BIAS_COLS) {
      const bp = bias + (<usize>col << 2);
      v0 = f32x4.add(v0, v128.load(bp));
      v1 = f32x4.add(v1, v128.load(bp, 16));
    }
    if (act == ACT_RELU) {
      // the common cases inline; the rest go through the out-of-line switch
      v0 = act4(v0, ACT_RELU, 0, 0);
      v1 = act4(v1, ACT_RELU, 0, 0);
    } else if (act == ACT_CLIP) {
      v0 = act4(v0, ACT_CLIP, actP0, actP1);
      v1 = act4(v1, ACT_CLIP, actP0, actP1);
    } else if (act != ACT_NONE) {
      v0 = activate4(v0, act, actP0, actP1);
      v1 = activate4(v1, act, actP0, actP1);
    }
  }
  v128.store(cp, v0);
  v128.store(cp, v1, 16);
}

/** The register-blocked 4x8 micro-kernel over one kc-deep A panel and B panel. */
function wasm_f32_gemm_4x8(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize, row: i32, col: i32, first: bool, last: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00); c01 = madd(av, b1, c01);
    av = v128.load32_splat(a, 4);
    c10 = madd(av, b0, c10); c11 = madd(av, b1, c11);
    av = v128.load32_splat(a, 8);
    c20 = madd(av, b0, c20); c21 = madd(av, b1, c21);
    av = v128.load32_splat(a, 12);
    c30 = madd(av, b0, c30); c31 = madd(av, b1, c31);
    a += 16; b += 32;
  }
  finishRow(c, c00, c01, row, col, first, last);
  finishRow(c + ldcBytes, c10, c11, row + 1, col, first, last);
  finishRow(c + 2 * ldcBytes, c20, c21, row + 2, col, first, last);
  finishRow(c + 3 * ldcBytes, c30, c31, row + 3, col, first, last);
}

/**
 * One row of the 4x8 tile, for row panels shorter than MR (a decoder step's single row): the
 * same products and sums per element as wasm_f32_gemm_4x8, without computing the padding rows.
 * `a` is the row's first value in the MR-interleaved packed panel.
 */
function wasm_f32_gemm_1x8(kc: i32, a: usize, b: usize, c: usize, row: i32, col: i32, first: bool, last: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const av = v128.load32_splat(a);
    c0 = madd(av, v128.load(b), c0); c1 = madd(av, v128.load(b, 16), c1);
    a += MR << 2; b += NR << 2;
  }
  finishRow(c, c0, c1, row, col, first, last);
}

/** The scalar merge for a partial tile computed into `tile` (MR x NR, unpacked). */
function finishEdge(tile: usize, c: usize, ldc: i32, rows: i32, cols: i32, row: i32, col: i32, first: bool, last: bool): void {
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < cols; t++) {
      const cp = c + ((<usize>r * <usize>ldc + <usize>t) << 2);
      let v = load<f32>(tile + (<usize>(r * NR + t) << 2));
      if (first) { if (beta != 0) v += beta * load<f32>(cp); } else v += load<f32>(cp);
      if (last) {
        if (biasMode == BIAS_ROWS) v += load<f32>(bias + (<usize>(row + r) << 2));
        else if (biasMode == BIAS_COLS) v += load<f32>(bias + (<usize>(col + t) << 2));
        if (act != ACT_NONE) v = activate1(v, act, actP0, actP1);
      }
      store<f32>(cp, v);
    }
  }
}

/**
 * C (m x n, row stride ldc floats) from packed A (pa) and packed B (pb), with the epilogue set
 * by gemm_set_epilogue. `tile` is MR * NR floats of scratch for partial tiles.
 */
export function gemm_packed(m: i32, n: i32, k: i32, pa: usize, pb: usize, c: usize, ldc: i32, tile: usize): void {
  gemm_packed_range(m, n, k, pa, pb, c, ldc, tile, 0, m, 0, n);
}

/**
 * The part of gemm_packed's C in rows [rowBegin, rowEnd) and columns [colBegin, colEnd);
 * begins are multiples of MR / NR. Each tile is computed exactly as gemm_packed computes it,
 * so threads splitting C this way produce the same bits as one call.
 */
export function gemm_packed_range(
  m: i32, n: i32, k: i32, pa: usize, pb: usize, c: usize, ldc: i32, tile: usize,
  rowBegin: i32, rowEnd: i32, colBegin: i32, colEnd: i32,
): void {
  if (k == 0) {
    gemm_scale_epilogue(rowBegin, rowEnd, colBegin, colEnd, c, ldc);
    return;
  }
  const mPad = roundUp(m, MR), nPad = roundUp(n, NR);
  const ldcBytes = <usize>ldc << 2;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    const first = pc == 0, last = pc + kc >= k;
    const paBlock = pa + (<usize>pc * <usize>mPad << 2);
    const pbBlock = pb + (<usize>pc * <usize>nPad << 2);
    for (let ic = rowBegin; ic < rowEnd; ic += MC) {
      const icEnd = min(rowEnd, ic + MC);
      for (let j0 = colBegin; j0 < colEnd; j0 += NR) {
        const cols = min(NR, colEnd - j0);
        const bp = pbBlock + (<usize>j0 * <usize>kc << 2);
        for (let i0 = ic; i0 < icEnd; i0 += MR) {
          const rows = min(MR, rowEnd - i0);
          const ap = paBlock + (<usize>i0 * <usize>kc << 2);
          const cp = c + ((<usize>i0 * <usize>ldc + <usize>j0) << 2);
          if (rows == MR && cols == NR) {
            wasm_f32_gemm_4x8(kc, ap, bp, cp, ldcBytes, i0, j0, first, last);
          } else if (cols == NR) {
            for (let r = 0; r < rows; r++) wasm_f32_gemm_1x8(kc, ap + (<usize>r << 2), bp, cp + <usize>r * ldcBytes, i0 + r, j0, first, last);
          } else {
            // compute the whole tile into scratch, then merge only the valid part
            const saved = beta;
            beta = 0;
            wasm_f32_gemm_4x8(kc, ap, bp, tile, NR << 2, i0, j0, true, false);
            beta = saved;
            finishEdge(tile, cp, ldc, rows, cols, i0, j0, first, last);
          }
        }
      }
    }
  }
}

/** The k = 0 case: C = beta * C (0 when beta is 0, even over NaN), then bias and activation. */
function gemm_scale_epilogue(rowBegin: i32, rowEnd: i32, colBegin: i32, colEnd: i32, c: usize, ldc: i32): void {
  for (let i = rowBegin; i < rowEnd; i++) {
    for (let j = colBegin; j < colEnd; j++) {
      const cp = c + ((<usize>i * <usize>ldc + <usize>j) << 2);
      let v: f32 = beta == 0 ? 0 : beta * load<f32>(cp);
      if (biasMode == BIAS_ROWS) v += load<f32>(bias + (<usize>i << 2));
      else if (biasMode == BIAS_COLS) v += load<f32>(bias + (<usize>j << 2));
      if (act != ACT_NONE) v = activate1(v, act, actP0, actP1);
      store<f32>(cp, v);
    }
  }
}
