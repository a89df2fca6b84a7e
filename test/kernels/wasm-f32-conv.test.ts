// The wasm convolution (depthwise 3x3, 1x1 without im2col, im2col + GEMM otherwise) against a
// direct float64 loop, over strides, pads, dilations, groups, odd sizes and activations.
import { describe, expect, it } from 'vitest';
import { ACT } from '../../kernels/wasm/wasm-activation.js';
import { type WasmConv2dShape, isDepthwise3x3, wasmConv2dF32 } from '../../kernels/wasm/wasm-f32-conv.js';
import { loadWasmBinaries, availableWasmVariants, instantiateWasmKernels } from '../../kernels/wasm/wasm-module.js';
import { PackedWeights } from '../../kernels/wasm/packed-weights.js';
import { activate, naiveConv, randomF32, rng, worstError } from './wasm-reference.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

type Spec = Omit<WasmConv2dShape, 'oh' | 'ow' | 'strideW' | 'dilationW' | 'padLeft'> & { strideW?: number; dilationW?: number; padLeft?: number; padBottom?: number; padRight?: number };

function shape(s: Spec): WasmConv2dShape {
  const strideW = s.strideW ?? s.strideH, dilationW = s.dilationW ?? s.dilationH, padLeft = s.padLeft ?? s.padTop;
  const padBottom = s.padBottom ?? s.padTop, padRight = s.padRight ?? padLeft;
  const oh = Math.floor((s.h + s.padTop + padBottom - ((s.kh - 1) * s.dilationH + 1)) / s.strideH) + 1;
  const ow = Math.floor((s.w + padLeft + padRight - ((s.kw - 1) * dilationW + 1)) / strideW) + 1;
  return { ...s, strideW, dilationW, padLeft, oh, ow };
}

const base = { batch: 1, group: 1, strideH: 1, dilationH: 1, padTop: 0 };
const specs: Spec[] = [
  { ...base, inChannels: 3, outChannels: 5, h: 9, w: 11, kh: 1, kw: 1 },
  { ...base, batch: 2, inChannels: 16, outChannels: 24, h: 7, w: 7, kh: 1, kw: 1 },
  { ...base, inChannels: 8, outChannels: 6, h: 10, w: 13, kh: 1, kw: 1, strideH: 2 },
  { ...base, inChannels: 3, outChannels: 7, h: 17, w: 19, kh: 3, kw: 3, padTop: 1 },
  { ...base, inChannels: 4, outChannels: 9, h: 23, w: 21, kh: 7, kw: 7, strideH: 2, padTop: 3 },
  { ...base, inChannels: 5, outChannels: 4, h: 12, w: 12, kh: 3, kw: 2, dilationH: 2, dilationW: 3, padTop: 2, padLeft: 1 },
  { ...base, inChannels: 6, outChannels: 4, h: 9, w: 10, kh: 3, kw: 3, group: 2, padTop: 1, padRight: 0 },
  { ...base, inChannels: 3, outChannels: 2, h: 1, w: 30, kh: 1, kw: 5, padLeft: 2, padTop: 0, strideW: 3 },
  // depthwise 3x3 (MobileNet): stride 1 and 2, symmetric and asymmetric pads, widths off the vector size
  { ...base, batch: 2, inChannels: 5, outChannels: 5, group: 5, h: 11, w: 9, kh: 3, kw: 3, padTop: 1 },
  { ...base, inChannels: 4, outChannels: 4, group: 4, h: 14, w: 15, kh: 3, kw: 3, padTop: 1, strideH: 2 },
  { ...base, inChannels: 3, outChannels: 3, group: 3, h: 8, w: 6, kh: 3, kw: 3, padTop: 0, padLeft: 1, padBottom: 2, padRight: 0 },
  { ...base, inChannels: 2, outChannels: 2, group: 2, h: 5, w: 5, kh: 3, kw: 3, padTop: 0, strideH: 2 },
  // depthwise but not 3x3 goes through the grouped GEMM
  { ...base, inChannels: 3, outChannels: 3, group: 3, h: 9, w: 9, kh: 5, kw: 5, padTop: 2 },
  // a stem: 3 channels, stride 2, rows wide enough for whole vectors of even pixels
  { ...base, inChannels: 3, outChannels: 10, h: 37, w: 45, kh: 3, kw: 3, strideH: 2, padTop: 1 },
];

describe.each(availableWasmVariants())('wasm conv2d (%s)', (variant) => {
  const w = instantiateWasmKernels(variant)!;

  it.each(specs.map((s, i) => [JSON.stringify(s), s, i] as const))('%s', (_name, spec, i) => {
    const s = shape(spec);
    const r = rng(2000 + i);
    const x = randomF32(s.batch * s.inChannels * s.h * s.w, r);
    const wt = randomF32(s.outChannels * (s.inChannels / s.group) * s.kh * s.kw, r);
    const bias = randomF32(s.outChannels, r);
    for (const [act, p0, p1] of [[undefined, 0, 0], ['relu', 0, 0], ['clip', 0, 0.6]] as const) {
      const got = wasmConv2dF32(w, {
        ...s, x, weights: wt, bias, activation: act ? { kind: ACT[act], p0, p1 } : undefined,
      });
      const want = naiveConv(s, x, wt, bias).map((v) => activate(v, act, p0, p1));
      expect(worstError(got, want), `${act ?? 'none'}${isDepthwise3x3(s) ? ' (depthwise 3x3)' : ''}`).toBeLessThanOrEqual(1);
    }
  });

  it.each([0, 8, 9].map((i) => [JSON.stringify(specs[i]), specs[i]] as const))('adds a residual before the activation: %s', (_name, spec) => {
    const s = shape(spec);
    const r = rng(77);
    const x = randomF32(s.batch * s.inChannels * s.h * s.w, r);
    const wt = randomF32(s.outChannels * (s.inChannels / s.group) * s.kh * s.kw, r);
    const sum = randomF32(s.batch * s.outChannels * s.oh * s.ow, r);
    const got = wasmConv2dF32(w, { ...s, x, weights: wt, sum, activation: { kind: ACT.relu, p0: 0, p1: 0 } });
    const want = naiveConv(s, x, wt, undefined).map((v, i) => activate(v + sum[i], 'relu'));
    expect(worstError(got, want)).toBeLessThanOrEqual(1);
  });

  it('packs weights once per weight array and frees nothing else', () => {
    const s = shape({ ...base, inChannels: 4, outChannels: 6, h: 8, w: 8, kh: 3, kw: 3, padTop: 1 });
    const r = rng(5);
    const x = randomF32(s.inChannels * s.h * s.w, r), wt = randomF32(s.outChannels * s.inChannels * 9, r);
    const cache = new PackedWeights(w);
    const before = w.heap.used;
    const first = wasmConv2dF32(w, { ...s, x, weights: wt, cache });
    const afterFirst = w.heap.used;
    const second = wasmConv2dF32(w, { ...s, x, weights: wt, cache });
    expect(w.heap.used).toBe(afterFirst);
    expect(afterFirst).toBeGreaterThan(before);
    expect(Array.from(second)).toEqual(Array.from(first));
  });
});
