// The fused activations applied to a kernel's own output as it stores it (an "epilogue"),
// so a Conv/Gemm followed by Relu or Clip needs no second pass over memory.
import type { Activation } from '../../data/activation.js';
import type { NumberArray } from '../../data/number-array.js';

type Numbers = NumberArray;

/** Applies `act` in place to `count` consecutive elements of `data` starting at `offset`. */
export function applyActivation(data: Numbers, offset: number, count: number, act: Activation): void {
  const end = offset + count;
  switch (act.kind) {
    case 'relu':
      for (let i = offset; i < end; i++) if (data[i] < 0) data[i] = 0;
      return;
    case 'leakyRelu': {
      const a = act.alpha;
      for (let i = offset; i < end; i++) if (data[i] < 0) data[i] *= a;
      return;
    }
    case 'clip': {
      const lo = act.min, hi = act.max;
      for (let i = offset; i < end; i++) {
        const v = data[i];
        // NaN stays NaN, as with the Clip op
        if (v < lo) data[i] = lo;
        else if (v > hi) data[i] = hi;
      }
      return;
    }
    case 'sigmoid':
      for (let i = offset; i < end; i++) {
        const v = data[i];
        // the two forms avoid overflow of exp for large |v|
        if (v >= 0) data[i] = 1 / (1 + Math.exp(-v));
        else { const e = Math.exp(v); data[i] = e / (1 + e); }
      }
      return;
    case 'tanh':
      for (let i = offset; i < end; i++) data[i] = Math.tanh(data[i]);
      return;
    case 'hardSigmoid': {
      const a = act.alpha, b = act.beta;
      for (let i = offset; i < end; i++) data[i] = Math.max(0, Math.min(1, a * data[i] + b));
      return;
    }
    case 'hardSwish':
      for (let i = offset; i < end; i++) {
        const v = data[i];
        data[i] = v * Math.max(0, Math.min(1, v / 6 + 0.5));
      }
      return;
    case 'silu':
      for (let i = offset; i < end; i++) {
        const v = data[i];
        data[i] = v >= 0 ? v / (1 + Math.exp(-v)) : (v * Math.exp(v)) / (1 + Math.exp(v));
      }
      return;
  }
}

/** Applies `act` to a `rows` x `cols` block of a row-major matrix with leading dimension `ld`. */
export function applyActivation2d(data: Numbers, offset: number, rows: number, cols: number, ld: number, act: Activation): void {
  if (cols === ld) { applyActivation(data, offset, rows * cols, act); return; }
  for (let r = 0; r < rows; r++) applyActivation(data, offset + r * ld, cols, act);
}
