// Padding and cropping of every axis at once (Pad, CenterCropPad). Negative amounts crop; the
// fill modes then apply to what remains. Works on raw storage, so every element type pads.
import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { stridesOf } from './shape.js';
import { checkedOutputShape } from './output-shape.js';

export type PadMode = 'constant' | 'reflect' | 'edge' | 'wrap';

export const PAD_MODES: readonly PadMode[] = ['constant', 'reflect', 'edge', 'wrap'];

/** The length of one axis after padding (or cropping, where negative) `before` and `after`. */
function paddedLength(size: number, before: number, after: number, op: string): number {
  const kept = size - Math.max(0, -before) - Math.max(0, -after);
  const outSize = kept + Math.max(0, before) + Math.max(0, after);
  if (kept < 0 || outSize < 0) {
    throw new InvalidInputError(`${op}: pads (${before}, ${after}) crop more than the axis size ${size}`);
  }
  return outSize;
}

/** For each output position along one axis, the source position, or -1 for the fill value. */
function axisMap(size: number, before: number, after: number, mode: PadMode, outSize: number): Int32Array {
  const cropStart = Math.max(0, -before);
  const kept = size - cropStart - Math.max(0, -after);
  const padBefore = Math.max(0, before);
  const map = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    let t = o - padBefore;
    if (t < 0 || t >= kept) {
      if (mode === 'constant') { map[o] = -1; continue; }
      if (mode === 'edge') t = t < 0 ? 0 : kept - 1;
      else if (mode === 'wrap') t = ((t % kept) + kept) % kept;
      else if (kept === 1) t = 0;
      else {
        // reflection without repeating the edge: period 2 * (kept - 1)
        const period = 2 * (kept - 1);
        t = ((t % period) + period) % period;
        if (t >= kept) t = period - t;
      }
    }
    map[o] = cropStart + t;
  }
  return map;
}

/**
 * Pads (or crops, where negative) `before[k]`/`after[k]` elements on each axis k. `fill` is a
 * raw storage value of x's type (a bit pattern for encoded floats), used in constant mode.
 */
export function padTensor(x: Tensor, before: readonly number[], after: readonly number[], mode: PadMode, fill: unknown, op = 'Pad'): Tensor {
  const rank = x.dims.length;
  const slots = slotsPerElement(x.type);
  for (let k = 0; k < rank; k++) {
    if (!Number.isInteger(before[k]) || !Number.isInteger(after[k])) throw new InvalidInputError(`${op}: pads must be integers, got (${before[k]}, ${after[k]}) on axis ${k}`);
  }
  const outDims = x.dims.map((d, k) => paddedLength(d, before[k], after[k], op));
  // the whole output shape is checked before any per-axis map is built
  const total = checkedOutputShape(outDims, x.type, op);
  x.dims.forEach((d, k) => {
    const kept = d - Math.max(0, -before[k]) - Math.max(0, -after[k]);
    if (kept === 0 && outDims[k] > 0 && mode !== 'constant') throw new InvalidInputError(`${op}: cannot pad an empty axis in ${mode} mode`);
  });
  const out = allocateData(x.type, total) as unknown as { [i: number]: unknown };
  // an empty output may still have one long axis: its map is never needed
  if (total === 0) return new Tensor(x.type, out as never, outDims);
  const maps = x.dims.map((d, k) => axisMap(d, before[k], after[k], mode, outDims[k]));
  const src = x.data as unknown as { [i: number]: unknown };
  const strides = stridesOf(x.dims);
  if (rank === 0) {
    for (let s = 0; s < slots; s++) out[s] = src[s];
    return new Tensor(x.type, out as never, outDims);
  }
  const inner = outDims[rank - 1];
  const innerMap = maps[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let o = 0;
  for (let row = total / inner; row > 0; row--) {
    let base = 0;
    let filled = false;
    for (let ax = 0; ax < rank - 1; ax++) {
      const m = maps[ax][counter[ax]];
      if (m < 0) { filled = true; break; }
      base += m * strides[ax];
    }
    for (let j = 0; j < inner; j++, o++) {
      const m = innerMap[j];
      if (filled || m < 0) {
        for (let s = 0; s < slots; s++) out[o * slots + s] = fill;
      } else {
        for (let s = 0; s < slots; s++) out[o * slots + s] = src[(base + m) * slots + s];
      }
    }
    for (let ax = rank - 2; ax >= 0; ax--) {
      if (++counter[ax] < outDims[ax]) break;
      counter[ax] = 0;
    }
  }
  return new Tensor(x.type, out as never, outDims);
}
