// Pools, element-wise ops, Softmax and LayerNormalization on the wasm kernels against plain
// float64 loops, with lengths off the vector width.
import { describe, expect, it } from 'vitest';
import { ACT } from '../../kernels/wasm/wasm-activation.js';
import { wasmBinaryF32, wasmUnaryF32 } from '../../kernels/wasm/wasm-f32-elementwise.js';
import { wasmLayerNormRowsF32, wasmSoftmaxRowsF32 } from '../../kernels/wasm/wasm-f32-normalization.js';
import { type WasmPool2dArgs, wasmAveragePool2dF32, wasmGlobalAveragePoolF32, wasmMaxPool2dF32 } from '../../kernels/wasm/wasm-f32-pool.js';
import { loadWasmBinaries, availableWasmVariants, instantiateWasmKernels } from '../../kernels/wasm/wasm-module.js';
import { activate, randomF32, rng, worstError } from './wasm-reference.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

function poolArgs(planes: number, h: number, w: number, k: number, stride: number, pad: number, padEnd = pad, dilation = 1): WasmPool2dArgs {
  const ext = (k - 1) * dilation + 1;
  const oh = Math.floor((h + pad + padEnd - ext) / stride) + 1, ow = Math.floor((w + pad + padEnd - ext) / stride) + 1;
  return {
    planes, h, w, oh, ow, kh: k, kw: k, strideH: stride, strideW: stride, padTop: pad, padLeft: pad, padBottom: padEnd, padRight: padEnd,
    dilationH: dilation, dilationW: dilation,
  };
}

function naivePool(x: Float32Array, a: WasmPool2dArgs, kind: 'max' | 'avg', countPad = false): Float64Array {
  const y = new Float64Array(a.planes * a.oh * a.ow);
  for (let p = 0; p < a.planes; p++) {
    for (let oy = 0; oy < a.oh; oy++) {
      for (let ox = 0; ox < a.ow; ox++) {
        let m = -Infinity, s = 0, n = 0, padded = 0;
        for (let i = 0; i < a.kh; i++) {
          for (let j = 0; j < a.kw; j++) {
            const iy = oy * a.strideH - a.padTop + i * a.dilationH, ix = ox * a.strideW - a.padLeft + j * a.dilationW;
            if (iy >= -a.padTop && iy < a.h + a.padBottom && ix >= -a.padLeft && ix < a.w + a.padRight) padded++;
            if (iy < 0 || iy >= a.h || ix < 0 || ix >= a.w) continue;
            const v = x[(p * a.h + iy) * a.w + ix];
            m = Math.max(m, v); s += v; n++;
          }
        }
        y[(p * a.oh + oy) * a.ow + ox] = kind === 'max' ? m : s / (countPad ? padded : n);
      }
    }
  }
  return y;
}

describe.each(availableWasmVariants())('wasm pools and element-wise kernels (%s)', (variant) => {
  const w = instantiateWasmKernels(variant)!;
  const r = rng(3000);

  it.each([
    [3, 13, 11, 3, 2, 1, 1, 1], [2, 8, 8, 2, 2, 0, 0, 1], [4, 9, 7, 3, 1, 1, 0, 1], [1, 10, 10, 3, 1, 2, 2, 2], [2, 1, 17, 1, 1, 0, 0, 1],
  ])('MaxPool planes=%i %ix%i k=%i s=%i pads=%i,%i dilation=%i', (planes, h, wd, k, s, pad, padEnd, dil) => {
    const a = poolArgs(planes, h, wd, k, s, pad, padEnd, dil);
    const x = randomF32(planes * h * wd, r);
    expect(worstError(wasmMaxPool2dF32(w, x, a), naivePool(x, a, 'max'))).toBeLessThanOrEqual(1);
  });

  // rows wide enough for the 4-wide path (stride 1 and 2), with a scalar tail and padded edges
  it.each([
    [3, 23, 29, 3, 2, 0, 0, 1], [2, 19, 37, 3, 1, 1, 1, 1], [1, 15, 40, 5, 1, 2, 2, 1], [2, 20, 41, 2, 2, 0, 0, 1], [2, 12, 33, 3, 2, 1, 1, 1],
  ])('MaxPool planes=%i %ix%i k=%i s=%i pads=%i,%i dilation=%i equals the plain maximum exactly', (planes, h, wd, k, s, pad, padEnd, dil) => {
    const a = poolArgs(planes, h, wd, k, s, pad, padEnd, dil);
    const x = randomF32(planes * h * wd, r);
    expect(Array.from(wasmMaxPool2dF32(w, x, a))).toEqual(Array.from(Float32Array.from(naivePool(x, a, 'max'))));
  });

  it('MaxPool ignores NaN unless a window holds only NaN, four windows at a time too', () => {
    const a = poolArgs(1, 1, 20, 2, 2, 0);
    const x = Float32Array.from([NaN, NaN, 1, NaN, -Infinity, -Infinity, NaN, -Infinity, 2, 3, -0, 0, 0, -0, NaN, -5, 7, NaN, NaN, NaN]);
    const y = Array.from(wasmMaxPool2dF32(w, x, { ...a, kh: 1, oh: 1 }));
    expect(y).toEqual([NaN, 1, -Infinity, -Infinity, 3, -0, 0, -5, 7, NaN]);
    expect(Object.is(y[5], -0) && Object.is(y[6], 0), 'the first of equal values stays').toBe(true);
  });

  it('MaxPool ignores NaN unless a window holds only NaN', () => {
    const a = poolArgs(1, 1, 4, 2, 2, 0);
    const x = Float32Array.from([NaN, 1, NaN, NaN]);
    expect(Array.from(wasmMaxPool2dF32(w, x, { ...a, kh: 1, oh: 1 }))).toEqual([1, NaN]);
  });

  it.each([
    [3, 13, 11, 3, 2, 1, 1, false], [3, 13, 11, 3, 2, 1, 1, true], [2, 7, 9, 2, 2, 0, 1, true], [2, 7, 9, 5, 1, 2, 2, false],
  ])('AveragePool planes=%i %ix%i k=%i s=%i pads=%i,%i countPad=%s', (planes, h, wd, k, s, pad, padEnd, countPad) => {
    const a = poolArgs(planes, h, wd, k, s, pad, padEnd);
    const x = randomF32(planes * h * wd, r);
    expect(worstError(wasmAveragePool2dF32(w, x, a, countPad), naivePool(x, a, 'avg', countPad))).toBeLessThanOrEqual(1);
  });

  it.each([[6, 49], [3, 1], [5, 13]])('GlobalAveragePool planes=%i size=%i', (planes, size) => {
    const x = randomF32(planes * size, r);
    const want = Array.from({ length: planes }, (_, p) => x.subarray(p * size, (p + 1) * size).reduce((s, v) => s + v, 0) / size);
    expect(worstError(wasmGlobalAveragePoolF32(w, x, planes, size), want)).toBeLessThanOrEqual(1);
  });

  it.each(['add', 'mul'] as const)('%s: same shape, scalar, trailing row and per-channel operands', (op) => {
    const f = op === 'add' ? (x: number, y: number) => x + y : (x: number, y: number) => x * y;
    const a = randomF32(2 * 5 * 7, r);
    const same = randomF32(a.length, r);
    expect(worstError(wasmBinaryF32(w, op, a, same, { kind: 'trailing' }), a.map((v, i) => f(v, same[i])))).toBeLessThanOrEqual(1);
    const scalar = randomF32(1, r);
    expect(worstError(wasmBinaryF32(w, op, a, scalar, { kind: 'trailing' }), a.map((v) => f(v, scalar[0])))).toBeLessThanOrEqual(1);
    const row = randomF32(7, r);
    expect(worstError(wasmBinaryF32(w, op, a, row, { kind: 'trailing' }), a.map((v, i) => f(v, row[i % 7])))).toBeLessThanOrEqual(1);
    const ch = randomF32(5, r);
    const got = wasmBinaryF32(w, op, a, ch, { kind: 'channel', outer: 2, channels: 5, inner: 7 });
    expect(worstError(got, a.map((v, i) => f(v, ch[Math.floor(i / 7) % 5])))).toBeLessThanOrEqual(1);
  });

  it.each([
    ['relu', 0, 0], ['clip', -0.5, 0.25], ['leakyRelu', 0.2, 0], ['sigmoid', 0, 0], ['hardSigmoid', 0.3, 0.4], ['hardSwish', 0, 0], ['tanh', 0, 0], ['silu', 0, 0],
  ] as const)('unary %s', (kind, p0, p1) => {
    const x = randomF32(103, r, 20);
    const want = Array.from(x, (v) => activate(v, kind, p0, p1));
    expect(worstError(wasmUnaryF32(w, x, { kind: ACT[kind], p0, p1 }), want, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
  });

  it('sigmoid, tanh and silu saturate without overflow', () => {
    const x = Float32Array.from([-1000, -100, 100, 1000, 0]);
    expect(Array.from(wasmUnaryF32(w, x, { kind: ACT.sigmoid, p0: 0, p1: 0 })).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 0, 1, 1, 0.5]);
    expect(Array.from(wasmUnaryF32(w, x, { kind: ACT.tanh, p0: 0, p1: 0 }))).toEqual([-1, -1, 1, 1, 0]);
  });

  it.each([[1, 1], [3, 10], [4, 1000], [2, 7]])('Softmax rows=%i cols=%i', (rows, cols) => {
    const x = randomF32(rows * cols, r, 30);
    const want = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = Array.from(x.subarray(i * cols, (i + 1) * cols));
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
      e.forEach((v, j) => (want[i * cols + j] = v / s));
    }
    expect(worstError(wasmSoftmaxRowsF32(w, x, rows, cols), want, 1e-5, 1e-7)).toBeLessThanOrEqual(1);
  });

  it.each([[3, 10, true], [2, 256, false], [5, 3, true]])('LayerNormalization rows=%i cols=%i bias=%s', (rows, cols, withBias) => {
    const x = randomF32(rows * cols, r, 10), scale = randomF32(cols, r), bias = withBias ? randomF32(cols, r) : undefined;
    const got = wasmLayerNormRowsF32(w, x, rows, cols, scale, bias, 1e-5, { mean: true, invStd: true });
    const want = new Float64Array(rows * cols), means: number[] = [], invs: number[] = [];
    for (let i = 0; i < rows; i++) {
      const row = x.subarray(i * cols, (i + 1) * cols);
      const mean = row.reduce((a, b) => a + b, 0) / cols;
      const v = row.reduce((a, b) => a + (b - mean) ** 2, 0) / cols;
      const inv = 1 / Math.sqrt(v + 1e-5);
      means.push(mean); invs.push(inv);
      row.forEach((xv, j) => (want[i * cols + j] = (xv - mean) * inv * scale[j] + (bias ? bias[j] : 0)));
    }
    expect(worstError(got.y, want)).toBeLessThanOrEqual(1);
    expect(worstError(got.mean!, means)).toBeLessThanOrEqual(1);
    expect(worstError(got.invStd!, invs)).toBeLessThanOrEqual(1);
  });
});
