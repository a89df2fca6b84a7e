// Shape arithmetic shared by the ops: sizes, strides, axes, broadcasting.
import { stridesOf } from '../../data/strides.js';
import { InvalidInputError } from '../../data/errors.js';

export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Row-major strides, in elements (defined with the data layer so kernels share it). */
export { stridesOf };

/** Maps a possibly negative axis into [0, rank); throws if out of range. */
export function normalizeAxis(axis: number, rank: number, what = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new InvalidInputError(`${what} ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

export function normalizeAxes(axes: readonly number[], rank: number, what = 'axes'): number[] {
  const out = axes.map((a) => normalizeAxis(a, rank, what));
  if (new Set(out).size !== out.length) throw new InvalidInputError(`${what} [${axes}] repeats an axis`);
  return out;
}

/** Numpy-style multidirectional broadcast of shapes. */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i];
      if (out[o] === 1) out[o] = d;
      else if (d !== 1 && d !== out[o]) {
        throw new InvalidInputError(`Shapes ${shapes.map((x) => `[${x}]`).join(' and ')} cannot be broadcast together`);
      }
    }
  }
  return out;
}

/**
 * For each element of a tensor of shape `outDims`, the flat index of the element of an input
 * of shape `inDims` that broadcasts onto it.
 */
export function broadcastIndex(outDims: readonly number[], inDims: readonly number[]): Int32Array {
  const n = sizeOf(outDims);
  const idx = new Int32Array(n);
  const rank = outDims.length;
  const pad = rank - inDims.length;
  const inStrides = stridesOf(inDims);
  // effective stride per output axis (0 where the input is broadcast)
  const st = new Array<number>(rank).fill(0);
  for (let i = 0; i < inDims.length; i++) st[i + pad] = inDims[i] === 1 ? 0 : inStrides[i];
  if (n === 0) return idx;
  const counter = new Array<number>(rank).fill(0);
  let cur = 0;
  const inner = rank > 0 ? outDims[rank - 1] : 1;
  const innerStride = rank > 0 ? st[rank - 1] : 0;
  for (let base = 0; base < n; base += inner) {
    for (let j = 0; j < inner; j++) idx[base + j] = cur + j * innerStride;
    // advance the odometer over the outer axes
    for (let ax = rank - 2; ax >= 0; ax--) {
      counter[ax]++;
      cur += st[ax];
      if (counter[ax] < outDims[ax]) break;
      cur -= st[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return idx;
}

export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
