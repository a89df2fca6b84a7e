// Takes a contiguous range [start, end) of one axis of a tensor: used by SplitToSequence and
// by Scan to cut its inputs into per-iteration slices.
import { allocateData, slotsPerElement, type TypedArray } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { sizeOf } from './shape.js';

/** The slice [start, end) of `axis` (normalized, in range); the axis is kept with size end - start. */
export function sliceAlongAxis(t: Tensor, axis: number, start: number, end: number): Tensor {
  const dims = [...t.dims];
  const len = end - start;
  dims[axis] = len;
  const slots = slotsPerElement(t.type);
  const outer = sizeOf(t.dims.slice(0, axis));
  const inner = sizeOf(t.dims.slice(axis + 1)) * slots;
  const srcStride = t.dims[axis] * inner;
  const block = len * inner;
  const out = allocateData(t.type, sizeOf(dims));
  if (t.type === 'string') {
    const s = t.data as string[], d = out as string[];
    for (let o = 0; o < outer; o++) {
      const si = o * srcStride + start * inner, di = o * block;
      for (let j = 0; j < block; j++) d[di + j] = s[si + j];
    }
  } else {
    const s = t.data as TypedArray as Float32Array, d = out as TypedArray as Float32Array;
    for (let o = 0; o < outer; o++) {
      const si = o * srcStride + start * inner;
      d.set(s.subarray(si, si + block), o * block);
    }
  }
  return new Tensor(t.type, out, dims);
}

/** Element `index` of `axis`, with that axis removed. */
export function takeAlongAxis(t: Tensor, axis: number, index: number): Tensor {
  const s = sliceAlongAxis(t, axis, index, index + 1);
  return s.reshape([...t.dims.slice(0, axis), ...t.dims.slice(axis + 1)]);
}
