// wasm_f32_gemm_4x8 against the textbook triple loop: odd sizes (tails in every direction),
// transposes, alpha/beta, bias along rows or columns, every epilogue activation, and packed
// weights reused across calls. Runs for each build variant this engine can execute.
import { describe, expect, it } from 'vitest';
import { ACT } from '../../kernels/wasm/wasm-activation.js';
import { wasmGemmF32 } from '../../kernels/wasm/wasm-f32-gemm.js';
import { loadWasmBinaries, availableWasmVariants, instantiateWasmKernels } from '../../kernels/wasm/wasm-module.js';
import { PackedWeights } from '../../kernels/wasm/packed-weights.js';
import { type ActName, activate, randomF32, rng, worstError } from './wasm-reference.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

interface Case {
  m: number; n: number; k: number; transA?: boolean; transB?: boolean; alpha?: number; beta?: number;
  bias?: 'rows' | 'cols'; act?: ActName; p0?: number; p1?: number;
}

function naive(c: Case, a: Float32Array, b: Float32Array, c0: Float32Array, bias: Float32Array): Float64Array {
  const out = new Float64Array(c.m * c.n);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0;
      for (let p = 0; p < c.k; p++) {
        s += (c.transA ? a[p * c.m + i] : a[i * c.k + p]) * (c.transB ? b[j * c.k + p] : b[p * c.n + j]);
      }
      let v = (c.alpha ?? 1) * s + (c.beta ? c.beta * c0[i * c.n + j] : 0);
      if (c.bias) v += bias[c.bias === 'rows' ? i : j];
      out[i * c.n + j] = activate(v, c.act, c.p0, c.p1);
    }
  }
  return out;
}

const cases: Case[] = [
  { m: 1, n: 1, k: 1 },
  { m: 4, n: 8, k: 16 },
  { m: 3, n: 5, k: 7 },
  { m: 13, n: 29, k: 300, transA: true },
  { m: 33, n: 17, k: 513, transB: true, alpha: 0.5 },
  { m: 9, n: 40, k: 257, transA: true, transB: true, beta: 0.75 },
  { m: 64, n: 64, k: 64, beta: 1, bias: 'cols' },
  { m: 131, n: 70, k: 45, bias: 'rows', act: 'relu' },
  { m: 7, n: 19, k: 600, bias: 'cols', act: 'clip', p0: -0.3, p1: 0.4 },
  { m: 5, n: 12, k: 9, act: 'leakyRelu', p0: 0.1 },
  { m: 6, n: 10, k: 11, act: 'sigmoid' },
  { m: 6, n: 10, k: 11, act: 'hardSigmoid', p0: 0.2, p1: 0.5 },
  { m: 6, n: 10, k: 11, act: 'hardSwish' },
  { m: 6, n: 10, k: 11, act: 'tanh' },
  { m: 6, n: 10, k: 11, act: 'silu' },
  { m: 5, n: 6, k: 0, beta: 0.5, bias: 'cols', act: 'relu' },
];

describe.each(availableWasmVariants())('wasm_f32_gemm_4x8 (%s)', (variant) => {
  const w = instantiateWasmKernels(variant)!;

  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', (_name, c, i) => {
    const r = rng(1000 + i);
    const a = randomF32(c.m * c.k, r), b = randomF32(c.k * c.n, r), c0 = randomF32(c.m * c.n, r);
    const bias = randomF32(Math.max(c.m, c.n), r);
    const got = wasmGemmF32(w, {
      m: c.m, n: c.n, k: c.k, a, b, transA: c.transA, transB: c.transB, c: c0, alpha: c.alpha, beta: c.beta,
      bias: c.bias ? { values: bias.subarray(0, c.bias === 'rows' ? c.m : c.n), along: c.bias } : undefined,
      activation: c.act ? { kind: ACT[c.act], p0: c.p0 ?? 0, p1: c.p1 ?? 0 } : undefined,
    });
    expect(worstError(got, naive(c, a, b, c0, bias))).toBeLessThanOrEqual(1);
  });

  it('reuses packed B while the same array comes back, and repacks for a new one', () => {
    const r = rng(7);
    const cache = new PackedWeights(w);
    const c: Case = { m: 10, n: 21, k: 35, transB: true };
    const a = randomF32(c.m * c.k, r), b1 = randomF32(c.k * c.n, r), b2 = randomF32(c.k * c.n, r);
    const used = w.heap.used;
    for (const b of [b1, b1, b2]) {
      const got = wasmGemmF32(w, { m: c.m, n: c.n, k: c.k, transB: c.transB, a, b, bCache: cache });
      expect(worstError(got, naive(c, a, b, new Float32Array(0), new Float32Array(0)))).toBeLessThanOrEqual(1);
    }
    // only the cached panel stays allocated between calls
    expect(w.heap.used - used).toBe(Math.ceil((Math.ceil(c.n / 8) * 8 * c.k * 4) / 64) * 64);
  });

  it('keeps NaN through Relu and clips infinities with Clip', () => {
    const a = Float32Array.from([NaN, -Infinity, Infinity, -1]);
    const one = Float32Array.from([1]);
    const relu = wasmGemmF32(w, { m: 4, n: 1, k: 1, a, b: one, activation: { kind: ACT.relu, p0: 0, p1: 0 } });
    expect(Array.from(relu)).toEqual([NaN, 0, Infinity, 0]);
    const clip = wasmGemmF32(w, { m: 4, n: 1, k: 1, a, b: one, activation: { kind: ACT.clip, p0: -2, p1: 3 } });
    expect(Array.from(clip)).toEqual([NaN, -2, 3, -1]);
  });
});
