// MatMulNBits' wasm kernels against the reference dequantization (ops/microsoft/nbits-weights)
// and a float64 product, and for many rows bit for bit against the float GEMM on those weights: 4 and 8 bits, every block size from 16 to 256, K not a multiple of
// the block (nor of a packed unit's rows), N not a multiple of the 8-column panel, zero points
// and bias or none, one row (the GEMV) and many (the dequantized-panel GEMM, across KC and NC
// pieces). Runs for each build variant this engine can execute.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../data/tensor.js';
import { dequantizeNBits, nbitsLayout } from '../../ops/microsoft/nbits-weights.js';
import { PackedWeights } from '../../kernels/wasm/packed-weights.js';
import { loadWasmBinaries, availableWasmVariants, instantiateWasmKernels } from '../../kernels/wasm/wasm-module.js';
import { type NBitsShape, type NBitsWeightData, wasmMatMulNBits } from '../../kernels/wasm/wasm-nbits-gemm.js';
import { wasmGemmF32 } from '../../kernels/wasm/wasm-f32-gemm.js';
import { randomF32, rng } from './wasm-reference.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

interface Case extends NBitsShape { m: number; zeroPoints?: boolean; bias?: boolean }

/** Random weights in MatMulNBits' stored form. */
export function randomNBits(s: NBitsShape, zeroPoints: boolean, seed: number): NBitsWeightData {
  const r = rng(seed);
  const l = nbitsLayout(s.k, s.n, s.bits, s.blockSize);
  const b = Uint8Array.from({ length: s.n * l.kBlocks * l.blobSize }, () => Math.floor((r() + 0.5) * 256));
  const scales = Float32Array.from({ length: s.n * l.kBlocks }, () => 0.01 + (r() + 0.5) * 0.1);
  const zp = zeroPoints ? Uint8Array.from({ length: s.n * l.zeroPointRowBytes }, () => Math.floor((r() + 0.5) * 256)) : undefined;
  return { b, scales, zeroPoints: zp };
}

/** W dequantized by the reference op: float32 [n, k]. */
function referenceWeights(c: NBitsShape, d: NBitsWeightData): Float32Array {
  return dequantizeNBits(nbitsLayout(c.k, c.n, c.bits, c.blockSize), {
    b: new Tensor('uint8', d.b, [d.b.length]), scales: new Tensor('float32', d.scales, [d.scales.length]),
    zeroPoints: d.zeroPoints && new Tensor('uint8', d.zeroPoints, [d.zeroPoints.length]),
  }, (m) => new Error(m));
}

/**
 * Largest |got - want| over its float32 bound, want the float64 product with the reference's
 * weights: a sum of k products may round by ~k ulps of the sum of their magnitudes, which for
 * 8-bit weights (|q - z| up to 255) exceeds a fixed relative tolerance where terms cancel.
 */
function worstOverBound(c: Case, got: Float32Array, a: Float32Array, d: NBitsWeightData, bias: Float32Array | undefined): number {
  const w = referenceWeights(c, d);
  let worst = 0;
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = bias ? bias[j] : 0, mag = bias ? Math.abs(bias[j]) : 0;
      for (let p = 0; p < c.k; p++) {
        const t = a[i * c.k + p] * w[j * c.k + p];
        s += t;
        mag += Math.abs(t);
      }
      const e = Math.abs(got[i * c.n + j] - s) / (1e-6 + 1e-5 * mag);
      worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
    }
  }
  return worst;
}

const cases: Case[] = [
  { m: 1, k: 16, n: 8, bits: 4, blockSize: 16 },
  { m: 1, k: 100, n: 13, bits: 4, blockSize: 32, zeroPoints: true, bias: true },
  { m: 1, k: 37, n: 5, bits: 4, blockSize: 16, zeroPoints: true },
  { m: 1, k: 1030, n: 33, bits: 4, blockSize: 128, bias: true },
  { m: 1, k: 201, n: 17, bits: 8, blockSize: 64, zeroPoints: true, bias: true },
  { m: 2, k: 64, n: 9, bits: 4, blockSize: 64 },
  { m: 5, k: 300, n: 150, bits: 4, blockSize: 64, zeroPoints: true, bias: true },
  { m: 7, k: 37, n: 3, bits: 4, blockSize: 32, zeroPoints: true },
  { m: 9, k: 513, n: 19, bits: 8, blockSize: 256, zeroPoints: true },
  { m: 4, k: 255, n: 130, bits: 8, blockSize: 16, bias: true },
  { m: 133, k: 96, n: 24, bits: 4, blockSize: 32, bias: true },
];

describe.each(availableWasmVariants())('MatMulNBits kernels (%s build)', (variant) => {
  const w = instantiateWasmKernels(variant)!;
  for (const c of cases) {
    const name = `m=${c.m} k=${c.k} n=${c.n} ${c.bits} bits, blocks of ${c.blockSize}${c.zeroPoints ? ', zero points' : ''}${c.bias ? ', bias' : ''}`;
    it(name, () => {
      const r = rng(c.m * 7919 + c.k * 31 + c.n);
      const a = randomF32(c.m * c.k, r);
      const weights = randomNBits(c, !!c.zeroPoints, c.k + c.n);
      const bias = c.bias ? randomF32(c.n, r) : undefined;
      const got = wasmMatMulNBits(w, { m: c.m, shape: c, a, weights, bias });
      expect(worstOverBound(c, got, a, weights, bias)).toBeLessThanOrEqual(1);
      if (c.m > 1) {
        // many rows run the float GEMM on dequantized pieces: the reference's weights, exactly
        const gemm = wasmGemmF32(w, { m: c.m, n: c.n, k: c.k, a, b: referenceWeights(c, weights), transB: true, bias: bias && { values: bias, along: 'cols' } });
        expect(Array.from(got)).toEqual(Array.from(gemm));
      }
    });
  }

  it('keeps the weights packed while the same B comes back, and repacks a new one', () => {
    const c: Case = { m: 3, k: 48, n: 10, bits: 4, blockSize: 16, zeroPoints: true };
    const cache = new PackedWeights(w);
    const a = randomF32(c.m * c.k, rng(1));
    const first = randomNBits(c, true, 2), second = randomNBits(c, true, 3);
    for (const d of [first, first, second]) {
      const got = wasmMatMulNBits(w, { m: c.m, shape: c, a, weights: d, cache });
      expect(worstOverBound(c, got, a, d, undefined)).toBeLessThanOrEqual(1);
    }
    cache.free();
  });

  it('writes into an output array of its own, and leaves the heap as it found it', () => {
    const c: Case = { m: 1, k: 64, n: 12, bits: 8, blockSize: 32 };
    const d = randomNBits(c, false, 4);
    const a = randomF32(c.k, rng(5));
    const out = new Float32Array(c.n);
    const before = w.heap.used;
    expect(wasmMatMulNBits(w, { m: 1, shape: c, a, weights: d, out })).toBe(out);
    expect(worstOverBound(c, out, a, d, undefined)).toBeLessThanOrEqual(1);
    expect(w.heap.used).toBe(before);
  });
});
