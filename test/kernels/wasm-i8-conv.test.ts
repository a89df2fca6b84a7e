// The wasm ConvInteger kernels (the depthwise kernel where every group is one channel, the
// int8 GEMM over a packed x for 1x1 and over the int8 im2col otherwise) against a direct
// integer loop: exactly equal, over strides, pads, dilations, groups, channel multipliers,
// both signednesses, per-tensor and per-channel zero points, batches and odd sizes, in every
// build this engine runs.
import { describe, expect, it } from 'vitest';
import type { WasmConv2dShape } from '../../kernels/wasm/wasm-f32-conv.js';
import { isI8Depthwise, wasmConvInteger } from '../../kernels/wasm/wasm-i8-conv.js';
import { loadWasmBinaries, availableWasmVariants, instantiateWasmKernels } from '../../kernels/wasm/wasm-module.js';
import { PackedWeights } from '../../kernels/wasm/packed-weights.js';
import { rng } from './wasm-reference.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

type Spec = Omit<WasmConv2dShape, 'oh' | 'ow' | 'strideW' | 'dilationW' | 'padLeft'> & {
  strideW?: number; dilationW?: number; padLeft?: number; padBottom?: number; padRight?: number;
};

function shape(s: Spec): WasmConv2dShape {
  const strideW = s.strideW ?? s.strideH, dilationW = s.dilationW ?? s.dilationH, padLeft = s.padLeft ?? s.padTop;
  const padBottom = s.padBottom ?? s.padTop, padRight = s.padRight ?? padLeft;
  const oh = Math.floor((s.h + s.padTop + padBottom - ((s.kh - 1) * s.dilationH + 1)) / s.strideH) + 1;
  const ow = Math.floor((s.w + padLeft + padRight - ((s.kw - 1) * dilationW + 1)) / strideW) + 1;
  return { ...s, strideW, dilationW, padLeft, oh, ow };
}

function bytes(signed: boolean, n: number, r: () => number): Uint8Array | Int8Array {
  const out = signed ? new Int8Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor((r() + 0.5) * 256) - (signed ? 128 : 0);
  return out;
}

/** conv(x - xz, w - wz[oc]) by the definition, padding reading xz. */
function naiveConvInteger(s: WasmConv2dShape, x: ArrayLike<number>, xz: number, w: ArrayLike<number>, wz: ArrayLike<number>): Int32Array {
  const cin = s.inChannels / s.group, mg = s.outChannels / s.group;
  const y = new Int32Array(s.batch * s.outChannels * s.oh * s.ow);
  for (let b = 0; b < s.batch; b++) {
    for (let oc = 0; oc < s.outChannels; oc++) {
      const g = Math.floor(oc / mg), z = wz.length === 1 ? wz[0] : wz[oc];
      for (let oy = 0; oy < s.oh; oy++) {
        for (let ox = 0; ox < s.ow; ox++) {
          let acc = 0;
          for (let c = 0; c < cin; c++) {
            for (let ky = 0; ky < s.kh; ky++) {
              for (let kx = 0; kx < s.kw; kx++) {
                const iy = oy * s.strideH - s.padTop + ky * s.dilationH, ix = ox * s.strideW - s.padLeft + kx * s.dilationW;
                const xv = iy < 0 || iy >= s.h || ix < 0 || ix >= s.w ? xz : x[((b * s.inChannels + g * cin + c) * s.h + iy) * s.w + ix];
                acc += (xv - xz) * (w[((oc * cin + c) * s.kh + ky) * s.kw + kx] - z);
              }
            }
          }
          y[((b * s.outChannels + oc) * s.oh + oy) * s.ow + ox] = acc;
        }
      }
    }
  }
  return y;
}

const base = { batch: 1, group: 1, strideH: 1, dilationH: 1, padTop: 0 };
const specs: Spec[] = [
  // 1x1, stride 1: x packed as it is (widths on and off the vector size, K past one KC block)
  { ...base, inChannels: 3, outChannels: 5, h: 9, w: 11, kh: 1, kw: 1 },
  { ...base, batch: 2, inChannels: 16, outChannels: 24, h: 4, w: 4, kh: 1, kw: 1 },
  { ...base, inChannels: 600, outChannels: 9, h: 3, w: 5, kh: 1, kw: 1 },
  { ...base, inChannels: 8, outChannels: 6, h: 10, w: 13, kh: 1, kw: 1, strideH: 2 },
  // im2col: pads, strides, dilations, asymmetric and odd windows, K odd and past one block
  { ...base, inChannels: 3, outChannels: 7, h: 17, w: 19, kh: 3, kw: 3, padTop: 1 },
  { ...base, inChannels: 4, outChannels: 9, h: 23, w: 21, kh: 7, kw: 7, strideH: 2, padTop: 3 },
  { ...base, inChannels: 5, outChannels: 4, h: 12, w: 12, kh: 3, kw: 2, dilationH: 2, dilationW: 3, padTop: 2, padLeft: 1 },
  { ...base, inChannels: 70, outChannels: 5, h: 6, w: 7, kh: 3, kw: 3, padTop: 1, strideW: 2 },
  { ...base, inChannels: 2, outChannels: 3, h: 5, w: 4, kh: 2, kw: 3, padTop: 3, padLeft: 4, padBottom: 0, padRight: 2 },
  { ...base, inChannels: 3, outChannels: 2, h: 1, w: 30, kh: 1, kw: 5, padLeft: 2, padTop: 0, strideW: 3 },
  // deep enough that the patches go by blocks of output rows (I8_PATCH_BLOCK_BYTES), with pads and strides across blocks
  { ...base, inChannels: 1200, outChannels: 4, h: 12, w: 10, kh: 3, kw: 3, padTop: 1 },
  { ...base, inChannels: 1200, outChannels: 3, h: 13, w: 10, kh: 3, kw: 3, padTop: 1, strideH: 2 },
  // groups of several channels go through one GEMM per group
  { ...base, inChannels: 6, outChannels: 4, h: 9, w: 10, kh: 3, kw: 3, group: 2, padTop: 1, padRight: 0 },
  { ...base, batch: 2, inChannels: 8, outChannels: 8, h: 6, w: 6, kh: 1, kw: 1, group: 4 },
  // depthwise (one channel per group), multipliers 1 and 2, strides 1..3, dilations, pads past the window
  { ...base, batch: 2, inChannels: 5, outChannels: 5, group: 5, h: 11, w: 9, kh: 3, kw: 3, padTop: 1 },
  { ...base, inChannels: 4, outChannels: 4, group: 4, h: 14, w: 15, kh: 3, kw: 3, padTop: 1, strideH: 2 },
  { ...base, inChannels: 3, outChannels: 6, group: 3, h: 8, w: 6, kh: 3, kw: 3, padTop: 0, padLeft: 1, padBottom: 2, padRight: 0 },
  { ...base, inChannels: 3, outChannels: 3, group: 3, h: 9, w: 20, kh: 5, kw: 5, padTop: 2, strideH: 3, strideW: 2 },
  { ...base, inChannels: 2, outChannels: 2, group: 2, h: 10, w: 10, kh: 3, kw: 3, dilationH: 2, dilationW: 3, padTop: 4, padLeft: 5 },
  { ...base, inChannels: 2, outChannels: 4, group: 2, h: 1, w: 19, kh: 1, kw: 4, padLeft: 1, padTop: 0, strideW: 2 },
];

const zeroPoints = [
  { name: 'no zero points', x: false, w: 'none' },
  { name: 'per-tensor zero points', x: true, w: 'tensor' },
  { name: 'per-channel weight zero points', x: true, w: 'channel' },
] as const;

describe.each(availableWasmVariants())('wasm ConvInteger kernels (%s)', (variant) => {
  const w = instantiateWasmKernels(variant)!;

  it.each(specs.map((s, i) => [JSON.stringify(s), s, i] as const))('%s', (_name, spec, i) => {
    const s = shape(spec);
    const r = rng(5000 + i);
    for (const [xSigned, wSigned] of [[false, true], [false, false], [true, true], [true, false]]) {
      const x = bytes(xSigned, s.batch * s.inChannels * s.h * s.w, r);
      const wt = bytes(wSigned, s.outChannels * (s.inChannels / s.group) * s.kh * s.kw, r);
      for (const zp of zeroPoints) {
        const xZero = zp.x ? bytes(xSigned, 1, r)[0] : 0;
        const wZero = zp.w === 'none' ? [0] : Array.from(bytes(wSigned, zp.w === 'tensor' ? 1 : s.outChannels, r));
        const want = naiveConvInteger(s, x, xZero, wt, wZero);
        const label = `x ${xSigned ? 'int8' : 'uint8'}, w ${wSigned ? 'int8' : 'uint8'}, ${zp.name}${isI8Depthwise(s) ? ' (depthwise)' : ''}`;
        const got = wasmConvInteger(w, { ...s, x, xSigned, xZero, weights: wt, wSigned, wZero: zp.w === 'none' ? undefined : wZero });
        expect(got, label).toEqual(want);
      }
    }
  });

  it('reuses prepared weights across runs and writes into a given output', () => {
    for (const spec of [specs[4], specs[12]]) {
      const s = shape(spec);
      const r = rng(99);
      const wt = bytes(false, s.outChannels * (s.inChannels / s.group) * s.kh * s.kw, r);
      const cache = new PackedWeights(w);
      for (let run = 0; run < 3; run++) {
        const x = bytes(false, s.batch * s.inChannels * s.h * s.w, r);
        const out = new Int32Array(s.batch * s.outChannels * s.oh * s.ow);
        const got = wasmConvInteger(w, { ...s, x, xSigned: false, xZero: 3, weights: wt, wSigned: false, wZero: [7], cache, out });
        expect(got).toBe(out);
        expect(got).toEqual(naiveConvInteger(s, x, 3, wt, [7]));
      }
      cache.free();
    }
  });
});
