// Packing for the 4x8 GEMM micro-kernel. Both operands are cut into KC-deep blocks along k;
// within a block, A becomes panels of MR rows stored k-major (the MR values of one k are
// adjacent, ready to splat) and B becomes panels of NR columns stored k-major (the NR values
// of one k are two adjacent vectors). Edges are zero-padded so the kernel never branches.
//
// Layout of a packed A (m x k): block pc (k offset) starts at pc * mPad floats, mPad = m
// rounded up to MR; panel i0 of that block starts kc * i0 floats further. B is the same with
// nPad = n rounded up to NR and panel j0 at kc * j0.

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;

@inline export function roundUp(x: i32, to: i32): i32 {
  return (x + to - 1) / to * to;
}

/** Packs alpha * op(A), op(A) m x k; A(i, p) = a[i * lda + p], or a[p * lda + i] if transA. */
export function gemm_pack_a(a: usize, lda: i32, transA: i32, m: i32, k: i32, alpha: f32, dst: usize): void {
  const mPad = roundUp(m, MR);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    let out = dst + (<usize>pc * <usize>mPad << 2);
    for (let i0 = 0; i0 < m; i0 += MR) {
      const rows = min(MR, m - i0);
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          let v: f32 = 0;
          if (r < rows) {
            const i = i0 + r, q = pc + p;
            const idx = transA ? <usize>q * <usize>lda + <usize>i : <usize>i * <usize>lda + <usize>q;
            v = alpha * load<f32>(a + (idx << 2));
          }
          store<f32>(out, v);
          out += 4;
        }
      }
    }
  }
}

/** Packs op(B), k x n; B(p, j) = b[p * ldb + j], or b[j * ldb + p] if transB. */
export function gemm_pack_b(b: usize, ldb: i32, transB: i32, k: i32, n: i32, dst: usize): void {
  const nPad = roundUp(n, NR);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    let out = dst + (<usize>pc * <usize>nPad << 2);
    for (let j0 = 0; j0 < n; j0 += NR) {
      const cols = min(NR, n - j0);
      if (!transB && cols == NR) {
        let src = b + ((<usize>pc * <usize>ldb + <usize>j0) << 2);
        const step = <usize>ldb << 2;
        for (let p = 0; p < kc; p++) {
          v128.store(out, v128.load(src));
          v128.store(out, v128.load(src, 16), 16);
          src += step;
          out += 32;
        }
        continue;
      }
      for (let p = 0; p < kc; p++) {
        for (let t = 0; t < NR; t++) {
          let v: f32 = 0;
          if (t < cols) {
            const q = pc + p, j = j0 + t;
            const idx = transB ? <usize>j * <usize>ldb + <usize>q : <usize>q * <usize>ldb + <usize>j;
            v = load<f32>(b + (idx << 2));
          }
          store<f32>(out, v);
          out += 4;
        }
      }
    }
  }
}

/** Floats a packed A of m x k takes (the JavaScript side sizes its buffers with these). */
export function gemm_packed_a_size(m: i32, k: i32): i32 {
  return roundUp(m, MR) * k;
}

export function gemm_packed_b_size(k: i32, n: i32): i32 {
  return roundUp(n, NR) * k;
}
