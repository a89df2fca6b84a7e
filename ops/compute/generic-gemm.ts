// GEMM for the element types without a fast kernel: float64 and the 32-bit integers (numbers),
// int64 and uint64 (bigints). A plain row-times-matrix loop: these types are rare in models.
import { type GemmArgs, resolveGemmArgs } from './gemm-args.js';
import { applyGemmEpilogue, scaleMatrix } from './gemm-epilogue.js';
import type { NumberArray } from '../../data/number-array.js';

/** How sums are formed: 'float' in float64; 'int' wraps modulo 2^32 like C integer math. */
export type NumberArithmetic = 'float' | 'int';

let floatRow = new Float64Array(0);
let intRow = new Int32Array(0);

/** C = alpha * op(A) * op(B) + beta * C, then bias and activation, over number arrays. */
export function gemmNumbers(args: GemmArgs<NumberArray>, arithmetic: NumberArithmetic = 'float'): void {
  const g = resolveGemmArgs(args);
  const { m, n, k, a, b, c, ldc, alpha, beta } = g;
  if (m === 0 || n === 0) return;
  const ai = g.transA ? 1 : g.lda, ap = g.transA ? g.lda : 1;
  const bp = g.transB ? 1 : g.ldb, bj = g.transB ? g.ldb : 1;
  if (k === 0) {
    scaleMatrix(c, g.cOffset, ldc, m, n, beta);
  } else if (arithmetic === 'float') {
    if (floatRow.length < n) floatRow = new Float64Array(n);
    const acc = floatRow;
    for (let i = 0; i < m; i++) {
      acc.fill(0, 0, n);
      for (let p = 0; p < k; p++) {
        const av = a[g.aOffset + i * ai + p * ap];
        if (av === 0) continue;
        const base = g.bOffset + p * bp;
        for (let j = 0; j < n; j++) acc[j] += av * b[base + j * bj];
      }
      const row = g.cOffset + i * ldc;
      for (let j = 0; j < n; j++) c[row + j] = beta === 0 ? alpha * acc[j] : alpha * acc[j] + beta * c[row + j];
    }
  } else {
    if (intRow.length < n) intRow = new Int32Array(n);
    const acc = intRow;
    const plain = alpha === 1 && beta === 0;
    const unsigned = c instanceof Uint32Array;
    for (let i = 0; i < m; i++) {
      acc.fill(0, 0, n);
      for (let p = 0; p < k; p++) {
        const av = a[g.aOffset + i * ai + p * ap];
        if (av === 0) continue;
        const base = g.bOffset + p * bp;
        // Math.imul keeps the low 32 bits exactly, where a float product would round
        for (let j = 0; j < n; j++) acc[j] = (acc[j] + Math.imul(av, b[base + j * bj])) | 0;
      }
      const row = g.cOffset + i * ldc;
      // the output array's own conversion wraps to its width (and reinterprets uint32)
      for (let j = 0; j < n; j++) {
        const v = unsigned ? acc[j] >>> 0 : acc[j];
        c[row + j] = plain ? v : Math.trunc(alpha * v + (beta === 0 ? 0 : beta * c[row + j]));
      }
    }
  }
  if (g.bias || g.activation) applyGemmEpilogue(c, g.cOffset, ldc, m, n, 0, 0, g.bias, g.activation);
}

/** The same over 64-bit integers, wrapping modulo 2^64. alpha and beta must be integers. */
export function gemmBigInts(args: GemmArgs<BigInt64Array | BigUint64Array>): void {
  const g = resolveGemmArgs(args);
  const { m, n, k, a, b, c, ldc } = g;
  const ai = g.transA ? 1 : g.lda, ap = g.transA ? g.lda : 1;
  const bp = g.transB ? 1 : g.ldb, bj = g.transB ? g.ldb : 1;
  const alpha = BigInt(Math.trunc(g.alpha)), beta = BigInt(Math.trunc(g.beta));
  const acc = new Array<bigint>(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0n);
    for (let p = 0; p < k; p++) {
      const av = a[g.aOffset + i * ai + p * ap];
      if (av === 0n) continue;
      const base = g.bOffset + p * bp;
      for (let j = 0; j < n; j++) acc[j] += av * b[base + j * bj];
    }
    const row = g.cOffset + i * ldc;
    // typed-array stores wrap bigints to 64 bits
    for (let j = 0; j < n; j++) {
      let v = alpha === 1n ? acc[j] : alpha * acc[j];
      if (beta !== 0n) v += beta * c[row + j];
      if (g.bias) v += g.bias.values[(g.bias.offset ?? 0) + (g.bias.along === 'rows' ? i : j)];
      c[row + j] = v;
    }
  }
}
