// The fast path of element-wise ops: each op hands over its own loop over Float32Arrays, so the
// arithmetic is inlined by the JIT instead of being a closure call per element. The same loop
// serves float16/bfloat16, whose values are computed in float32 (see computeView).
import { type DataType, ENCODED_FLOAT_TYPES } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { forEachBroadcastRun } from './broadcast-runs.js';
import { broadcastShapes, sameDims } from './shape.js';
import { computeView, fromCompute } from './values.js';
import { outputArray } from './output-data.js';
import type { RuntimeContext } from '../types.js';

/** Writes f(x[i]) to y[i] for every i (x and y have the same length). */
export type UnaryLoopF32 = (x: Float32Array, y: Float32Array) => void;

/**
 * Writes f(a[ai + k*aStep], b[bi + k*bStep]) to out[oi + k] for k in [0, n); steps are 0 or 1.
 * Written out in each op as
 * `for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] + b[bi];`
 */
export type BinaryLoopF32 = (
  a: Float32Array, ai: number, as: number, b: Float32Array, bi: number, bs: number, out: Float32Array, oi: number, n: number,
) => void;

/** True for the element types whose compute view is a Float32Array. */
export function computesInFloat32(type: DataType): boolean {
  return type === 'float32' || ENCODED_FLOAT_TYPES.has(type);
}

/**
 * Applies `loop` to x, whose type computes in float32; the result has x's type and shape.
 * The output may be x's own memory (a planned in-place write): the loops read element i
 * before writing it.
 */
export function unaryFloat32(x: Tensor, loop: UnaryLoopF32, rt?: RuntimeContext): Tensor {
  const src = computeView(x) as Float32Array;
  const out = outputArray(rt, 0, x.type, x.size, false) as Float32Array;
  loop(src, out);
  return fromCompute(x.type, out, x.dims);
}

/**
 * Applies `loop` with numpy broadcasting to a and b, both of one type that computes in
 * float32. The output may be the memory of an input of its size, whose element i is then
 * read just before element i is written.
 */
export function binaryFloat32(a: Tensor, b: Tensor, loop: BinaryLoopF32, rt?: RuntimeContext): Tensor {
  const av = computeView(a) as Float32Array;
  const bv = computeView(b) as Float32Array;
  if (sameDims(a.dims, b.dims)) {
    const out = outputArray(rt, 0, a.type, a.size, false) as Float32Array;
    loop(av, 0, 1, bv, 0, 1, out, 0, a.size);
    return fromCompute(a.type, out, a.dims);
  }
  const dims = broadcastShapes(a.dims, b.dims);
  const out = outputArray(rt, 0, a.type, dims.reduce((p, d) => p * d, 1), false) as Float32Array;
  forEachBroadcastRun(dims, a.dims, b.dims, (ai, as, bi, bs, oi, n) => loop(av, ai, as, bv, bi, bs, out, oi, n));
  return fromCompute(a.type, out, dims);
}
