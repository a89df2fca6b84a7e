// The argument block shared by the GEMM kernels: C = alpha * op(A) * op(B) + beta * C,
// then an optional bias and activation (the epilogue), all on row-major matrices.
import type { Activation } from '../../data/activation.js';

/** A vector added along one axis of the result: 'rows' adds values[i] to row i (a Conv's
 *  per-output-channel bias), 'cols' adds values[j] to column j (a fully connected layer's bias). */
export interface GemmBias<T> {
  values: T;
  offset?: number;
  along: 'rows' | 'cols';
}

export interface GemmArgs<T> {
  /** op(A) is m x k, op(B) is k x n, C is m x n. */
  m: number;
  n: number;
  k: number;
  a: T;
  aOffset?: number;
  /** Row stride of A as stored; defaults to its stored width (k, or m when transposed). */
  lda?: number;
  transA?: boolean;
  b: T;
  bOffset?: number;
  ldb?: number;
  transB?: boolean;
  c: T;
  cOffset?: number;
  ldc?: number;
  /** Defaults to 1. */
  alpha?: number;
  /** Defaults to 0, in which case C is only written, never read (it may hold garbage). */
  beta?: number;
  bias?: GemmBias<T>;
  activation?: Activation;
}

/** The arguments with every default filled in. */
export interface ResolvedGemmArgs<T> extends Required<Omit<GemmArgs<T>, 'bias' | 'activation'>> {
  bias: GemmBias<T> | undefined;
  activation: Activation | undefined;
}

export function resolveGemmArgs<T>(g: GemmArgs<T>): ResolvedGemmArgs<T> {
  const transA = g.transA ?? false, transB = g.transB ?? false;
  return {
    m: g.m, n: g.n, k: g.k,
    a: g.a, aOffset: g.aOffset ?? 0, lda: g.lda ?? (transA ? g.m : g.k), transA,
    b: g.b, bOffset: g.bOffset ?? 0, ldb: g.ldb ?? (transB ? g.k : g.n), transB,
    c: g.c, cOffset: g.cOffset ?? 0, ldc: g.ldc ?? g.n,
    alpha: g.alpha ?? 1, beta: g.beta ?? 0,
    bias: g.bias, activation: g.activation,
  };
}
