// Bias and activation applied to a finished block of a GEMM result, while it is still in cache.
import type { Activation } from '../../data/activation.js';
import { applyActivation2d } from './activation.js';
import type { GemmBias } from './gemm-args.js';
import type { NumberArray } from '../../data/number-array.js';

type Numbers = NumberArray;

/**
 * Adds the bias to, then activates, the `rows` x `cols` block of C at `co` whose top-left
 * element is C(row0, col0).
 */
export function applyGemmEpilogue(
  c: Numbers, co: number, ldc: number, rows: number, cols: number, row0: number, col0: number,
  bias: GemmBias<Numbers> | undefined, activation: Activation | undefined,
): void {
  if (bias) {
    const v = bias.values, off = bias.offset ?? 0;
    if (bias.along === 'rows') {
      for (let r = 0; r < rows; r++) {
        const b = v[off + row0 + r], base = co + r * ldc;
        for (let j = 0; j < cols; j++) c[base + j] += b;
      }
    } else {
      const vb = off + col0;
      for (let r = 0; r < rows; r++) {
        const base = co + r * ldc;
        for (let j = 0; j < cols; j++) c[base + j] += v[vb + j];
      }
    }
  }
  if (activation) applyActivation2d(c, co, rows, cols, ldc, activation);
}

/** C = beta * C (C = 0 when beta is 0, even over NaN), the whole result of a GEMM with k = 0. */
export function scaleMatrix(c: Numbers, co: number, ldc: number, rows: number, cols: number, beta: number): void {
  for (let r = 0; r < rows; r++) {
    const base = co + r * ldc;
    if (beta === 0) c.fill(0, base, base + cols);
    else if (beta !== 1) for (let j = 0; j < cols; j++) c[base + j] *= beta;
  }
}
