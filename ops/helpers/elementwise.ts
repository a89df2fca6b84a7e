// Element-wise maps with numpy broadcasting, over every element type: encoded floats are
// decoded to float32, computed, and encoded back; 64-bit ints compute as bigints.
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { broadcastIndex, broadcastShapes, sameDims, sizeOf } from './shape.js';
import { allocCompute, computeView, fromCompute } from './values.js';

// Kernels receive numbers, bigints or strings depending on the tensor type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ScalarFn1 = (x: any) => any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ScalarFn2 = (x: any, y: any) => any;

type Writable = { [i: number]: unknown; length: number };

export function unaryMap(x: Tensor, fn: ScalarFn1, outType: DataType = x.type): Tensor {
  const src = computeView(x) as unknown as ArrayLike<unknown>;
  const out = allocCompute(outType, x.size) as unknown as Writable;
  for (let i = 0; i < x.size; i++) out[i] = fn(src[i]);
  return fromCompute(outType, out as never, x.dims);
}

export function binaryMap(a: Tensor, b: Tensor, fn: ScalarFn2, outType: DataType = a.type): Tensor {
  const av = computeView(a) as unknown as ArrayLike<unknown>;
  const bv = computeView(b) as unknown as ArrayLike<unknown>;
  if (sameDims(a.dims, b.dims)) {
    const out = allocCompute(outType, a.size) as unknown as Writable;
    for (let i = 0; i < a.size; i++) out[i] = fn(av[i], bv[i]);
    return fromCompute(outType, out as never, a.dims);
  }
  const dims = broadcastShapes(a.dims, b.dims);
  const n = sizeOf(dims);
  const out = allocCompute(outType, n) as unknown as Writable;
  if (b.size === 1 && sameDims(dims, a.dims)) {
    const y = bv[0];
    for (let i = 0; i < n; i++) out[i] = fn(av[i], y);
  } else if (a.size === 1 && sameDims(dims, b.dims)) {
    const x = av[0];
    for (let i = 0; i < n; i++) out[i] = fn(x, bv[i]);
  } else {
    const ia = broadcastIndex(dims, a.dims);
    const ib = broadcastIndex(dims, b.dims);
    for (let i = 0; i < n; i++) out[i] = fn(av[ia[i]], bv[ib[i]]);
  }
  return fromCompute(outType, out as never, dims);
}
