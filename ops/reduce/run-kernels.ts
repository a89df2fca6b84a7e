// The accumulations behind the Reduce* ops, one small loop each, over one strided run.
// Numbers accumulate in float64; 64-bit integers accumulate exactly as bigints.
import type { RunKernel } from '../helpers/reduce-plan.js';

export type Accumulation = 'sum' | 'sumAbs' | 'sumSquare' | 'prod' | 'max' | 'min' | 'sumExp';

/** Accumulations whose results are stored as they are, for integer types of 32 bits or less. */
export type WrappingAccumulation = 'sumSquare' | 'prod';

const sum: RunKernel<number> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += x[j];
  return acc;
};
const sumAbs: RunKernel<number> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += Math.abs(x[j]);
  return acc;
};
const sumSquare: RunKernel<number> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += x[j] * x[j];
  return acc;
};
const prod: RunKernel<number> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc *= x[j];
  return acc;
};
// NaN propagates, as in numpy and onnxruntime. The common case (no new extreme) costs one
// comparison; NaN fails it too and ends the run, since nothing can replace it.
const max: RunKernel<number> = (x, s, step, n, acc) => {
  if (acc !== acc) return acc;
  for (let i = 0, j = s; i < n; i++, j += step) {
    const v = x[j];
    if (!(v <= acc)) {
      if (v !== v) return v;
      acc = v;
    }
  }
  return acc;
};
const min: RunKernel<number> = (x, s, step, n, acc) => {
  if (acc !== acc) return acc;
  for (let i = 0, j = s; i < n; i++, j += step) {
    const v = x[j];
    if (!(v >= acc)) {
      if (v !== v) return v;
      acc = v;
    }
  }
  return acc;
};
const sumExp: RunKernel<number> = (x, s, step, n, acc, shift) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += Math.exp(x[j] - shift);
  return acc;
};

export const NUMBER_KERNELS: Record<Accumulation, RunKernel<number>> = { sum, sumAbs, sumSquare, prod, max, min, sumExp };

// Integer products overflow float64's 53 exact bits long before they wrap; Math.imul keeps the
// low 32 bits exact, which is all a store into a 32-bit (or narrower) integer array keeps.
const prodWrapping: RunKernel<number> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc = Math.imul(acc, x[j]);
  return acc;
};
const sumSquareWrapping: RunKernel<number> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += Math.imul(x[j], x[j]);
  return acc;
};

export const WRAPPING_KERNELS: Record<WrappingAccumulation, RunKernel<number>> = { prod: prodWrapping, sumSquare: sumSquareWrapping };

const bigSum: RunKernel<bigint> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += x[j];
  return acc;
};
const bigSumAbs: RunKernel<bigint> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += x[j] < 0n ? -x[j] : x[j];
  return acc;
};
const bigSumSquare: RunKernel<bigint> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc += x[j] * x[j];
  return acc;
};
const bigProd: RunKernel<bigint> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) acc *= x[j];
  return acc;
};
const bigMax: RunKernel<bigint> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) if (x[j] > acc) acc = x[j];
  return acc;
};
const bigMin: RunKernel<bigint> = (x, s, step, n, acc) => {
  for (let i = 0, j = s; i < n; i++, j += step) if (x[j] < acc) acc = x[j];
  return acc;
};

/** The exact bigint accumulations (sumExp has none: it goes through numbers). */
export const BIGINT_KERNELS: Partial<Record<Accumulation, RunKernel<bigint>>> = {
  sum: bigSum, sumAbs: bigSumAbs, sumSquare: bigSumSquare, prod: bigProd, max: bigMax, min: bigMin,
};
