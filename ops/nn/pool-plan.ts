// The windows of a pooling op, listed once per input shape and reused for every N x C plane:
// for each output position, the in-plane offsets of the input cells its window covers
// (padding excluded) and how many window cells fall inside the padded input.
import { sizeOf, stridesOf } from '../helpers/shape.js';
import type { WindowGeometry } from '../../data/window-geometry.js';

export interface PoolPlan {
  inSize: number;
  outSize: number;
  /** Taps of output o are taps[tapStart[o] .. tapStart[o + 1]), row-major offsets within a plane. */
  tapStart: Int32Array;
  taps: Int32Array;
  /** Window cells inside the input plus its pads (AveragePool's count_include_pad divisor). */
  paddedCount: Int32Array;
}

export function planPool(inShape: readonly number[], g: WindowGeometry): PoolPlan {
  const rank = inShape.length;
  // per axis and output coordinate: the input coordinates read, and the count inside the pads
  const coords: number[][][] = [], padded: number[][] = [];
  for (let d = 0; d < rank; d++) {
    coords.push([]);
    padded.push([]);
    for (let o = 0; o < g.outShape[d]; o++) {
      const list: number[] = [];
      let inPads = 0;
      for (let k = 0; k < g.kernel[d]; k++) {
        const i = o * g.strides[d] - g.padsBegin[d] + k * g.dilations[d];
        if (i >= 0 && i < inShape[d]) list.push(i);
        if (i >= -g.padsBegin[d] && i < inShape[d] + g.padsEnd[d]) inPads++;
      }
      coords[d].push(list);
      padded[d].push(inPads);
    }
  }
  const outSize = sizeOf(g.outShape);
  const inStrides = stridesOf(inShape);
  const tapStart = new Int32Array(outSize + 1);
  const paddedCount = new Int32Array(outSize);
  const taps: number[] = [];
  const opos = new Array<number>(rank).fill(0);
  let cur = [0], next: number[] = [];
  for (let o = 0; o < outSize; o++) {
    tapStart[o] = taps.length;
    cur.length = 1;
    cur[0] = 0;
    let count = 1;
    for (let d = 0; d < rank; d++) {
      next = [];
      for (const base of cur) for (const i of coords[d][opos[d]]) next.push(base + i * inStrides[d]);
      cur = next;
      count *= padded[d][opos[d]];
    }
    for (const t of cur) taps.push(t);
    paddedCount[o] = count;
    for (let d = rank - 1; d >= 0; d--) {
      if (++opos[d] < g.outShape[d]) break;
      opos[d] = 0;
    }
  }
  tapStart[outSize] = taps.length;
  return { inSize: sizeOf(inShape), outSize, tapStart, taps: Int32Array.from(taps), paddedCount };
}
