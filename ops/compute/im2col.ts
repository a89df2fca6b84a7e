// im2col and its inverse, col2im, for any number of spatial axes. Row (c, kernel position) of
// the column matrix holds, for every output position, the input value that kernel tap reads,
// so a convolution becomes one GEMM. The walk is recursive over axes and runs a strided copy
// per innermost row, so the per-element work is one load and one store.
import { type SpatialGeometry, product } from './conv-args.js';
import type { NumberArray } from '../../data/number-array.js';
import { stridesOf } from '../../data/strides.js';

/**
 * col[(c*K + kpos) * O + o] = x[xOffset + c*I + (input position tap kpos reads for output o)],
 * or 0 where that position is padding, for c < channels (K kernel positions, O output and I
 * input positions).
 */
export function im2col(x: NumberArray, xOffset: number, channels: number, g: SpatialGeometry, col: NumberArray): void {
  walkColumns(new Walk(g, x, col, false), xOffset, channels);
}

/**
 * The adjoint of im2col: x[...] += col[...] over the same correspondence (padding taps are
 * dropped). ConvTranspose scatters its GEMM result into the output this way.
 */
export function col2imAdd(col: NumberArray, channels: number, g: SpatialGeometry, x: NumberArray, xOffset: number): void {
  walkColumns(new Walk(g, x, col, true), xOffset, channels);
}

class Walk {
  readonly rank: number;
  /** Input elements per step along each axis. */
  readonly inStrides: number[];
  /** Output positions per step along each axis. */
  readonly outStrides: number[];
  readonly kpos: number[];
  constructor(readonly g: SpatialGeometry, readonly x: NumberArray, readonly col: NumberArray, readonly scatter: boolean) {
    this.rank = g.inShape.length;
    this.inStrides = stridesOf(g.inShape);
    this.outStrides = stridesOf(g.outShape);
    this.kpos = new Array<number>(this.rank).fill(0);
  }
}

function walkColumns(w: Walk, xOffset: number, channels: number): void {
  const { g, kpos, rank } = w;
  const inSize = product(g.inShape), outSize = product(g.outShape), kSize = product(g.kernel);
  let co = 0;
  for (let c = 0; c < channels; c++) {
    kpos.fill(0);
    for (let kp = 0; kp < kSize; kp++) {
      if (rank === 0) copyRun(w, xOffset + c * inSize, co, 0, 1, 1);
      else walkAxis(w, 0, xOffset + c * inSize, co);
      co += outSize;
      // next kernel position, last axis fastest
      for (let ax = rank - 1; ax >= 0; ax--) {
        if (++kpos[ax] < g.kernel[ax]) break;
        kpos[ax] = 0;
      }
    }
  }
}

function walkAxis(w: Walk, axis: number, xo: number, co: number): void {
  const { g } = w;
  const n = g.outShape[axis], s = g.strides[axis], size = g.inShape[axis];
  // input coordinate read by output 0 of this axis
  const first = w.kpos[axis] * g.dilations[axis] - g.padsBegin[axis];
  if (axis === w.rank - 1) {
    // outputs lo..hi read inside the input: first + o*s in [0, size)
    const lo = Math.min(n, Math.max(0, Math.ceil(-first / s)));
    const hi = Math.min(n, Math.floor((size - 1 - first) / s) + 1);
    copyRun(w, xo + first, co, lo, Math.max(lo, hi), s);
    if (!w.scatter) {
      w.col.fill(0, co, co + lo);
      w.col.fill(0, co + Math.max(lo, hi), co + n);
    }
    return;
  }
  const inner = w.outStrides[axis], xs = w.inStrides[axis];
  for (let o = 0; o < n; o++, co += inner) {
    const i = first + o * s;
    if (i < 0 || i >= size) {
      if (!w.scatter) w.col.fill(0, co, co + inner);
    } else {
      walkAxis(w, axis + 1, xo + i * xs, co);
    }
  }
}

/** For o in [lo, hi): col[co + o] <-> x[xBase + o*s]. */
function copyRun(w: Walk, xBase: number, co: number, lo: number, hi: number, s: number): void {
  const { x, col } = w;
  if (w.scatter) {
    for (let o = lo; o < hi; o++) x[xBase + o * s] += col[co + o];
  } else if (s === 1) {
    for (let o = lo; o < hi; o++) col[co + o] = x[xBase + o];
  } else {
    for (let o = lo; o < hi; o++) col[co + o] = x[xBase + o * s];
  }
}
