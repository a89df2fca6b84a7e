// The blocked float32 GEMM must agree with the textbook triple loop on every shape, stride,
// transpose and epilogue combination, including sizes that are not multiples of the tiles.
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../data/activation.js';
import { gemmF32 } from '../../ops/compute/f32-gemm.js';
import { gemmNumbers } from '../../ops/compute/generic-gemm.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

interface Case {
  m: number; n: number; k: number;
  transA?: boolean; transB?: boolean;
  alpha?: number; beta?: number;
  pad?: number; // extra columns in every leading dimension, and an offset into each array
  bias?: 'rows' | 'cols';
  activation?: Activation;
}

function naive(c: Case, a: Float32Array, b: Float32Array, c0: Float32Array, bias: Float32Array, lda: number, ldb: number, ldc: number, off: number): Float64Array {
  const out = new Float64Array(c.m * c.n);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0;
      for (let p = 0; p < c.k; p++) {
        const av = c.transA ? a[off + p * lda + i] : a[off + i * lda + p];
        const bv = c.transB ? b[off + j * ldb + p] : b[off + p * ldb + j];
        s += av * bv;
      }
      let v = (c.alpha ?? 1) * s + (c.beta ? c.beta * c0[off + i * ldc + j] : 0);
      if (c.bias) v += bias[c.bias === 'rows' ? i : j];
      const act = c.activation;
      if (act?.kind === 'relu') v = Math.max(0, v);
      else if (act?.kind === 'clip') v = Math.min(act.max, Math.max(act.min, v));
      else if (act?.kind === 'leakyRelu') v = v < 0 ? v * act.alpha : v;
      out[i * c.n + j] = v;
    }
  }
  return out;
}

function run(c: Case, seed: number): void {
  const r = rng(seed);
  const pad = c.pad ?? 0, off = pad;
  const lda = (c.transA ? c.m : c.k) + pad, ldb = (c.transB ? c.k : c.n) + pad, ldc = c.n + pad;
  const rowsA = c.transA ? c.k : c.m, rowsB = c.transB ? c.n : c.k;
  const a = Float32Array.from({ length: off + rowsA * lda }, r);
  const b = Float32Array.from({ length: off + rowsB * ldb }, r);
  const c0 = Float32Array.from({ length: off + c.m * ldc }, r);
  const bias = Float32Array.from({ length: Math.max(c.m, c.n) }, r);
  const want = naive(c, a, b, c0, bias, lda, ldb, ldc, off);
  const got = c0.slice();
  gemmF32({
    m: c.m, n: c.n, k: c.k, a, aOffset: off, lda, transA: c.transA, b, bOffset: off, ldb, transB: c.transB,
    c: got, cOffset: off, ldc, alpha: c.alpha, beta: c.beta,
    bias: c.bias ? { values: bias, along: c.bias } : undefined, activation: c.activation,
  });
  const tol = 1e-5 * Math.max(1, Math.sqrt(c.k));
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      const g = got[off + i * ldc + j], w = want[i * c.n + j];
      if (!(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)))) {
        expect.fail(`${JSON.stringify(c)}: C(${i},${j}) = ${g}, want ${w}`);
      }
    }
    // the padding columns of C are never touched
    for (let j = c.n; j < ldc; j++) expect(got[off + i * ldc + j]).toBe(c0[off + i * ldc + j]);
  }
}

describe('gemmF32 against a naive triple loop', () => {
  it('handles tile-aligned and odd sizes with every transpose', () => {
    const sizes = [[1, 1, 1], [4, 4, 4], [5, 7, 3], [17, 13, 9], [33, 1, 65], [1, 29, 31], [3, 2, 1], [64, 64, 64], [97, 45, 300], [130, 9, 257]];
    let seed = 1;
    for (const [m, n, k] of sizes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) run({ m, n, k, transA, transB }, seed++);
      }
    }
  });

  it('handles alpha, beta, strides and offsets', () => {
    let seed = 100;
    for (const [m, n, k] of [[6, 10, 7], [1, 12, 5], [12, 1, 5], [40, 37, 270]]) {
      run({ m, n, k, alpha: 0.5, beta: 0 }, seed++);
      run({ m, n, k, alpha: 2, beta: 1, pad: 3 }, seed++);
      run({ m, n, k, alpha: -1, beta: 0.25, pad: 1, transA: true }, seed++);
      run({ m, n, k, beta: -2, pad: 2, transB: true }, seed++);
    }
  });

  it('applies the bias and activation epilogue', () => {
    let seed = 200;
    const acts: Activation[] = [{ kind: 'relu' }, { kind: 'clip', min: -0.1, max: 0.2 }, { kind: 'leakyRelu', alpha: 0.1 }];
    for (const [m, n, k] of [[9, 11, 300], [1, 7, 4], [7, 1, 4], [16, 16, 16]]) {
      for (const along of ['rows', 'cols'] as const) {
        run({ m, n, k, bias: along }, seed++);
        for (const activation of acts) run({ m, n, k, bias: along, activation, beta: 1 }, seed++);
      }
    }
  });

  it('handles k = 0 (C = beta * C + epilogue) and blocks wider than one N panel', () => {
    run({ m: 3, n: 5, k: 0, beta: 0.5, bias: 'cols' }, 300);
    run({ m: 3, n: 5, k: 0 }, 301);
    run({ m: 6, n: 2100, k: 3, transB: true }, 302);
  });

  it('agrees with the generic number GEMM', () => {
    const r = rng(7);
    const m = 23, n = 19, k = 41;
    const a = Float32Array.from({ length: m * k }, r), b = Float32Array.from({ length: k * n }, r);
    const fast = new Float32Array(m * n), slow = new Float64Array(m * n);
    gemmF32({ m, n, k, a, b, c: fast });
    gemmNumbers({ m, n, k, a: Float64Array.from(a), b: Float64Array.from(b), c: slow });
    for (let i = 0; i < m * n; i++) expect(fast[i]).toBeCloseTo(slow[i], 5);
  });
});
