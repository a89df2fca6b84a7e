// Textbook float64 versions of the wasm kernels, and seeded data, for the kernel specs.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

export type Int8Type = 'uint8' | 'int8';

/** `n` seeded random bytes over the whole range of `type`. */
export function randomBytes(type: Int8Type, n: number, seed: number): Uint8Array | Int8Array {
  const r = rng(seed);
  const out = type === 'uint8' ? new Uint8Array(n) : new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor((r() + 0.5) * 256) - (type === 'int8' ? 128 : 0);
  return out;
}

export function randomF32(n: number, r: () => number, scale = 2): Float32Array {
  return Float32Array.from({ length: n }, () => r() * scale);
}

/** Largest |got - want| / (atol + rtol * |want|); <= 1 means within tolerance. */
export function worstError(got: ArrayLike<number>, want: ArrayLike<number>, rtol = 1e-4, atol = 1e-5): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const g = got[i], w = want[i];
    if (Number.isNaN(w) && Number.isNaN(g)) continue;
    if (g === w) continue;
    worst = Math.max(worst, Math.abs(g - w) / (atol + rtol * Math.abs(w)));
    if (Number.isNaN(worst)) return Infinity;
  }
  return worst;
}

export type ActName = 'relu' | 'clip' | 'leakyRelu' | 'sigmoid' | 'hardSigmoid' | 'hardSwish' | 'tanh' | 'silu';

export function activate(v: number, kind: ActName | undefined, p0 = 0, p1 = 0): number {
  switch (kind) {
    case undefined: return v;
    case 'relu': return v < 0 ? 0 : v;
    case 'clip': return v < p0 ? p0 : v > p1 ? p1 : v;
    case 'leakyRelu': return v < 0 ? v * p0 : v;
    case 'sigmoid': return 1 / (1 + Math.exp(-v));
    case 'hardSigmoid': return Math.max(0, Math.min(1, p0 * v + p1));
    case 'hardSwish': return v * Math.max(0, Math.min(1, v / 6 + 0.5));
    case 'tanh': return Math.tanh(v);
    case 'silu': return v / (1 + Math.exp(-v));
  }
}

export interface NaiveConv {
  batch: number; inChannels: number; outChannels: number; group: number;
  h: number; w: number; kh: number; kw: number; oh: number; ow: number;
  strideH: number; strideW: number; dilationH: number; dilationW: number; padTop: number; padLeft: number;
}

export function naiveConv(s: NaiveConv, x: Float32Array, wt: Float32Array, bias: Float32Array | undefined): Float64Array {
  const y = new Float64Array(s.batch * s.outChannels * s.oh * s.ow);
  const cin = s.inChannels / s.group, m = s.outChannels / s.group;
  for (let n = 0; n < s.batch; n++) {
    for (let co = 0; co < s.outChannels; co++) {
      const g = Math.floor(co / m);
      for (let oy = 0; oy < s.oh; oy++) {
        for (let ox = 0; ox < s.ow; ox++) {
          let acc = bias ? bias[co] : 0;
          for (let ci = 0; ci < cin; ci++) {
            for (let ky = 0; ky < s.kh; ky++) {
              const iy = oy * s.strideH - s.padTop + ky * s.dilationH;
              if (iy < 0 || iy >= s.h) continue;
              for (let kx = 0; kx < s.kw; kx++) {
                const ix = ox * s.strideW - s.padLeft + kx * s.dilationW;
                if (ix < 0 || ix >= s.w) continue;
                acc += x[((n * s.inChannels + g * cin + ci) * s.h + iy) * s.w + ix] * wt[((co * cin + ci) * s.kh + ky) * s.kw + kx];
              }
            }
          }
          y[((n * s.outChannels + co) * s.oh + oy) * s.ow + ox] = acc;
        }
      }
    }
  }
  return y;
}
