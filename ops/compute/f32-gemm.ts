// Cache-blocked, register-tiled float32 GEMM (the BLIS loop order): B is packed a KC x NC
// block at a time, A an MC x KC block at a time, and a 4x4 micro-kernel runs over the packed
// panels. C = alpha * op(A) * op(B) + beta * C, then bias and activation per finished tile.
import { type GemmArgs, resolveGemmArgs } from './gemm-args.js';
import { applyGemmEpilogue, scaleMatrix } from './gemm-epilogue.js';
import { microKernelF32x4x4 } from './f32-gemm-4x4.js';
import { PANEL, packPanelsF32 } from './f32-gemm-pack.js';
import { gemvF32 } from './f32-gemv.js';

// KC x 4 of B (4 KiB) stays in L1 while MC x KC of A (96 KiB) and the KC x NC block of B
// (512 KiB) stay in L2.
const KC = 256;
const MC = 96;
const NC = 512;

let packedA = new Float32Array(0);
let packedB = new Float32Array(0);
const tile = new Float64Array(PANEL * PANEL);

export function gemmF32(args: GemmArgs<Float32Array>): void {
  const g = resolveGemmArgs(args);
  const { m, n, k, a, b, c, ldc, alpha, beta, bias, activation } = g;
  if (m === 0 || n === 0) return;
  // A(i, p) = a[aOffset + i*ai + p*ap], B(p, j) = b[bOffset + p*bp + j*bj]
  const ai = g.transA ? 1 : g.lda, ap = g.transA ? g.lda : 1;
  const bp = g.transB ? 1 : g.ldb, bj = g.transB ? g.ldb : 1;
  const epilogue = bias !== undefined || activation !== undefined;

  if (k === 0 || alpha === 0) {
    scaleMatrix(c, g.cOffset, ldc, m, n, beta);
  } else if (n === 1) {
    gemvF32(m, k, a, g.aOffset, ai, ap, b, g.bOffset, bp, c, g.cOffset, ldc, alpha, beta);
  } else if (m === 1) {
    gemvF32(n, k, b, g.bOffset, bj, bp, a, g.aOffset, ap, c, g.cOffset, 1, alpha, beta);
  } else {
    blocked(m, n, k, a, g.aOffset, ai, ap, b, g.bOffset, bp, bj, c, g.cOffset, ldc, alpha, beta, epilogue ? g : undefined);
    return;
  }
  if (epilogue) applyGemmEpilogue(c, g.cOffset, ldc, m, n, 0, 0, bias, activation);
}

function blocked(
  m: number, n: number, k: number,
  a: Float32Array, aOffset: number, ai: number, ap: number,
  b: Float32Array, bOffset: number, bp: number, bj: number,
  c: Float32Array, cOffset: number, ldc: number, alpha: number, beta: number,
  epilogue: Pick<GemmArgs<Float32Array>, 'bias' | 'activation'> | undefined,
): void {
  const kcMax = Math.min(KC, k);
  if (packedB.length < kcMax * roundUp(Math.min(NC, n))) packedB = new Float32Array(kcMax * roundUp(Math.min(NC, n)));
  if (packedA.length < kcMax * roundUp(Math.min(MC, m))) packedA = new Float32Array(kcMax * roundUp(Math.min(MC, m)));
  const pa = packedA, pb = packedB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // later K blocks add onto what the earlier ones stored
      const blockBeta = pc === 0 ? beta : 1;
      const last = pc + kc >= k;
      packPanelsF32(b, bOffset + pc * bp + jc * bj, bj, bp, nc, kc, pb);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelsF32(a, aOffset + ic * ai + pc * ap, ai, ap, mc, kc, pa);
        for (let jr = 0; jr < nc; jr += PANEL) {
          const nr = Math.min(PANEL, nc - jr);
          for (let ir = 0; ir < mc; ir += PANEL) {
            const mr = Math.min(PANEL, mc - ir);
            microKernelF32x4x4(kc, pa, ir * kc, pb, jr * kc, tile);
            const co = cOffset + (ic + ir) * ldc + jc + jr;
            storeTile(c, co, ldc, mr, nr, alpha, blockBeta);
            if (last && epilogue) applyGemmEpilogue(c, co, ldc, mr, nr, ic + ir, jc + jr, epilogue.bias, epilogue.activation);
          }
        }
      }
    }
  }
}

function storeTile(c: Float32Array, co: number, ldc: number, mr: number, nr: number, alpha: number, beta: number): void {
  for (let i = 0; i < mr; i++) {
    const r = co + i * ldc, t = i * PANEL;
    if (beta === 0) for (let j = 0; j < nr; j++) c[r + j] = alpha * tile[t + j];
    else if (beta === 1) for (let j = 0; j < nr; j++) c[r + j] += alpha * tile[t + j];
    else for (let j = 0; j < nr; j++) c[r + j] = beta * c[r + j] + alpha * tile[t + j];
  }
}

function roundUp(x: number): number {
  return Math.ceil(x / PANEL) * PANEL;
}
