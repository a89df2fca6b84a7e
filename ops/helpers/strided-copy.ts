// Strided views of tensor storage, copied out into fresh row-major storage: the one loop behind
// Transpose, Slice, Expand, Tile, DepthToSpace and SpaceToDepth.
import type { RuntimeContext } from '../types.js';
import { outputData } from './output-data.js';
import { slotsPerElement, type TensorData, type TypedArray } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { sizeOf, stridesOf } from './shape.js';

/** Element (i0, i1, ...) of the view lives at `offset + Σ i_k * strides[k]` of the source. */
export interface StridedView {
  offset: number;
  dims: readonly number[];
  /** In elements; may be zero (broadcast) or negative (reversed). */
  strides: readonly number[];
}

// Fewer, longer axes make the odometer below cheaper: size-1 axes go, and an axis whose
// elements sit exactly one stride of the next axis apart merges into it.
function coalesce(dims: readonly number[], strides: readonly number[]): { dims: number[]; strides: number[] } {
  const d: number[] = [];
  const s: number[] = [];
  for (let k = 0; k < dims.length; k++) {
    if (dims[k] === 1) continue;
    const last = d.length - 1;
    if (last >= 0 && s[last] === strides[k] * dims[k]) {
      d[last] *= dims[k];
      s[last] = strides[k];
    } else {
      d.push(dims[k]);
      s.push(strides[k]);
    }
  }
  return { dims: d, strides: s };
}

type Slots = { [i: number]: unknown };

/** Writes the elements of `view` over `src` into `dst` from `dstOffset` on, in row-major order. */
export function copyStrided(src: TensorData, view: StridedView, dst: TensorData, dstOffset = 0): void {
  const n = sizeOf(view.dims);
  if (n === 0) return;
  const { dims, strides } = coalesce(view.dims, view.strides);
  const rank = dims.length;
  const s = src as unknown as Slots;
  const d = dst as unknown as Slots;
  if (rank === 0) {
    d[dstOffset] = s[view.offset];
    return;
  }
  const inner = dims[rank - 1];
  const innerStride = strides[rank - 1];
  const bulk = innerStride === 1 && inner >= 16 && !Array.isArray(src);
  const counter = new Array<number>(rank).fill(0);
  let base = view.offset;
  let out = dstOffset;
  for (let row = n / inner; row > 0; row--) {
    if (bulk) {
      (dst as Float32Array).set((src as Float32Array).subarray(base, base + inner), out);
    } else if (innerStride === 1) {
      for (let j = 0; j < inner; j++) d[out + j] = s[base + j];
    } else {
      for (let j = 0, p = base; j < inner; j++, p += innerStride) d[out + j] = s[p];
    }
    out += inner;
    for (let ax = rank - 2; ax >= 0; ax--) {
      base += strides[ax];
      if (++counter[ax] < dims[ax]) break;
      base -= strides[ax] * dims[ax];
      counter[ax] = 0;
    }
  }
}

/**
 * The view of `t` as a new tensor of shape `view.dims`. When the view is one contiguous run of
 * the source, the result shares the source storage instead of copying it (tensors are never
 * written in place, so sharing is safe and keeps shape-tensor plumbing cheap).
 */
export function stridedTensor(t: Tensor, view: StridedView, rt?: RuntimeContext): Tensor {
  const slots = slotsPerElement(t.type);
  const v: StridedView = slots === 1 ? view : {
    offset: view.offset * slots,
    dims: [...view.dims, slots],
    strides: [...view.strides.map((x) => x * slots), 1],
  };
  const n = sizeOf(v.dims);
  const c = coalesce(v.dims, v.strides);
  if (c.dims.length === 0 || (c.dims.length === 1 && c.strides[0] === 1)) {
    const start = v.offset;
    const data = Array.isArray(t.data)
      ? t.data.slice(start, start + n)
      : (t.data as TypedArray).subarray(start, start + n);
    return new Tensor(t.type, data, view.dims);
  }
  const out = outputData(rt, t.type, sizeOf(view.dims));
  copyStrided(t.data, v, out);
  return new Tensor(t.type, out, view.dims);
}

/** `t` (read with shape `dims`, same element count) with its axes reordered: output axis i is input axis perm[i]. */
export function permuteAxes(t: Tensor, perm: readonly number[], dims: readonly number[] = t.dims, rt?: RuntimeContext): Tensor {
  const strides = stridesOf(dims);
  return stridedTensor(t, { offset: 0, dims: perm.map((p) => dims[p]), strides: perm.map((p) => strides[p]) }, rt);
}

/** The sub-tensor starting at `starts`, taking every `steps[k]`-th element along axis k, of shape `dims`. */
export function sliceTensor(t: Tensor, starts: readonly number[], steps: readonly number[], dims: readonly number[]): Tensor {
  const strides = stridesOf(t.dims);
  let offset = 0;
  for (let k = 0; k < strides.length; k++) offset += starts[k] * strides[k];
  return stridedTensor(t, { offset, dims, strides: strides.map((s, k) => s * steps[k]) });
}

/** Copies `len` consecutive storage slots from `src[srcStart]` to `dst[dstStart]`. */
export function copyRun(src: TensorData, srcStart: number, dst: TensorData, dstStart: number, len: number): void {
  if (len >= 16 && !Array.isArray(src)) {
    (dst as Float32Array).set((src as Float32Array).subarray(srcStart, srcStart + len), dstStart);
    return;
  }
  const s = src as unknown as Slots;
  const d = dst as unknown as Slots;
  for (let j = 0; j < len; j++) d[dstStart + j] = s[srcStart + j];
}
