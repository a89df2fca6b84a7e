import { defineOp } from '../define.js';
import { sizeOf, stridesOf } from '../helpers/shape.js';
import { allocCompute, computeView, fromCompute, numbersOf, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';

type Mode = 'linear' | 'nearest' | 'cubic';
type Padding = 'zeros' | 'border' | 'reflection';

// GridSample-16 spelled the modes bilinear/bicubic; from 20 they are linear/cubic (N-D).
const MODE_NAMES: Record<string, Mode> = { linear: 'linear', bilinear: 'linear', nearest: 'nearest', cubic: 'cubic', bicubic: 'cubic' };

const CUBIC_A = -0.75;

/** Reflects x into [lo, hi] by folding at the borders until it is inside. */
function reflect(x: number, lo: number, hi: number): number {
  const range = hi - lo;
  if (range <= 0) return lo;
  if (x < lo) {
    const dx = lo - x;
    const n = Math.trunc(dx / range);
    const r = dx - n * range;
    return n % 2 === 0 ? lo + r : hi - r;
  }
  if (x > hi) {
    const dx = x - hi;
    const n = Math.trunc(dx / range);
    const r = dx - n * range;
    return n % 2 === 0 ? hi - r : lo + r;
  }
  return x;
}

/** Round half to even, like C's nearbyint. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function cubicWeights(t: number, w: Float64Array, at: number): void {
  const A = CUBIC_A;
  const x1 = t + 1, x2 = 1 - t, x3 = 2 - t;
  w[at] = ((A * x1 - 5 * A) * x1 + 8 * A) * x1 - 4 * A;
  w[at + 1] = ((A + 2) * t - (A + 3)) * t * t + 1;
  w[at + 2] = ((A + 2) * x2 - (A + 3)) * x2 * x2 + 1;
  w[at + 3] = ((A * x3 - 5 * A) * x3 + 8 * A) * x3 - 4 * A;
}

function readOptions(ctx: OpContext, since: number): { mode: Mode; padding: Padding; alignCorners: boolean } {
  const a = ctx.attrs;
  const modeName = a.string('mode', since >= 20 ? 'linear' : 'bilinear');
  const mode = MODE_NAMES[modeName];
  if (!mode) throw a.error(`unknown mode "${modeName}"`, 'mode');
  const padding = a.string('padding_mode', 'zeros');
  if (padding !== 'zeros' && padding !== 'border' && padding !== 'reflection') throw a.error(`unknown padding_mode "${padding}"`, 'padding_mode');
  return { mode, padding, alignCorners: a.int('align_corners', 0) !== 0 };
}

// X [N, C, D1..Dr], grid [N, O1..Or, r] of normalized (x, y, ...) positions (reverse axis
// order) in [-1, 1] → Y [N, C, O1..Or]. Padding handles positions outside the input.
export const GridSample = [16, 20, 22].map((since) =>
  defineOp('GridSample', since, (ctx) => {
    const { mode, padding, alignCorners } = readOptions(ctx, since);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const grid = tensorInput(inputs, 1, 'grid');
      const r = x.dims.length - 2;
      if (r < 1) throw new InvalidInputError(`GridSample: X must be [N, C, D1, ...], got [${x.dims}]`);
      if (since < 20 && r !== 2) throw new InvalidInputError(`GridSample-${since}: X must be 4-D, got [${x.dims}]`);
      if (grid.dims.length !== r + 2 || grid.dims[0] !== x.dims[0] || grid.dims[r + 1] !== r) {
        throw new InvalidInputError(`GridSample: grid must be [${x.dims[0]}, ${'O, '.repeat(r)}${r}] for X [${x.dims}], got [${grid.dims}]`);
      }
      const [n, c] = x.dims;
      const spatial = x.dims.slice(2);
      const strides = stridesOf(spatial);
      const plane = sizeOf(spatial);
      const outSpatial = grid.dims.slice(1, r + 1);
      const points = sizeOf(outSpatial);
      const src = computeView(x) as ArrayLike<number>;
      const g = numbersOf(grid);
      const out = allocCompute(x.type, n * c * points) as Float64Array;

      const perDim = mode === 'cubic' ? 4 : mode === 'linear' ? 2 : 1;
      const tapPos = new Int32Array(r * perDim); // flat offset contribution of each tap
      const tapW = new Float64Array(r * perDim);
      const tapOk = new Uint8Array(r * perDim);
      const counter = new Int32Array(r);
      const combos = perDim ** r;

      for (let b = 0; b < n; b++) {
        for (let p = 0; p < points; p++) {
          const gAt = (b * points + p) * r;
          for (let d = 0; d < r; d++) {
            const len = spatial[d];
            const lo = alignCorners ? 0 : -0.5;
            const hi = alignCorners ? len - 1 : len - 0.5;
            const norm = g[gAt + (r - 1 - d)];
            let v = alignCorners ? ((norm + 1) / 2) * (len - 1) : ((norm + 1) * len - 1) / 2;
            if (mode === 'nearest') v = roundHalfEven(v);
            if (v < lo || v > hi) {
              if (padding === 'border') v = Math.min(Math.max(v, 0), len - 1);
              else if (padding === 'reflection') v = reflect(v, lo, hi);
            }
            const base = mode === 'nearest' ? Math.trunc(v) : Math.floor(v);
            const first = mode === 'cubic' ? base - 1 : base;
            const t = v - base;
            const k0 = d * perDim;
            if (mode === 'nearest') tapW[k0] = 1;
            else if (mode === 'linear') { tapW[k0] = 1 - t; tapW[k0 + 1] = t; }
            else cubicWeights(t, tapW, k0);
            for (let k = 0; k < perDim; k++) {
              let i = first + k;
              let ok = 1;
              if (i < 0 || i >= len) {
                if (padding === 'zeros') ok = 0;
                else if (padding === 'border') i = Math.min(Math.max(i, 0), len - 1);
                else i = Math.min(Math.max(Math.trunc(reflect(i, lo, hi)), 0), len - 1);
              }
              tapOk[k0 + k] = ok;
              tapPos[k0 + k] = ok ? i * strides[d] : 0;
            }
          }
          // every combination of one tap per axis, weighted by the product of the tap weights
          for (let ch = 0; ch < c; ch++) {
            const planeAt = (b * c + ch) * plane;
            let acc = 0;
            counter.fill(0);
            for (let combo = 0; combo < combos; combo++) {
              let w = 1;
              let at = planeAt;
              let ok = 1;
              for (let d = 0; d < r; d++) {
                const k = d * perDim + counter[d];
                w *= tapW[k];
                at += tapPos[k];
                ok &= tapOk[k];
              }
              if (ok && w !== 0) acc += w * src[at];
              for (let d = r - 1; d >= 0; d--) {
                if (++counter[d] < perDim) break;
                counter[d] = 0;
              }
            }
            out[(b * c + ch) * points + p] = acc;
          }
        }
      }
      return [fromCompute(x.type, out, [n, c, ...outSpatial])];
    };
  }),
);
