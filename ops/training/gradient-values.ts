// Dense float64 values for reverse-mode differentiation, and the two broadcasting moves it
// needs: spreading a value over a broadcast shape (forward) and summing a gradient back
// over the axes its input was broadcast along (backward).
import { InvalidInputError } from '../../data/errors.js';
import { type Tensor } from '../../data/tensor.js';
import { isFloatType } from '../../data/dtype.js';
import { broadcastIndex, sameDims, sizeOf } from '../helpers/shape.js';
import { numbersOf } from '../helpers/values.js';

export interface Dense {
  data: Float64Array;
  dims: readonly number[];
}

export function denseOf(t: Tensor, what: string): Dense {
  if (!isFloatType(t.type)) throw new InvalidInputError(`Gradient: ${what} must be a floating-point tensor to differentiate through it, got ${t.type}`);
  return { data: Float64Array.from(numbersOf(t)), dims: t.dims };
}

export function filled(dims: readonly number[], value: number): Dense {
  return { data: new Float64Array(sizeOf(dims)).fill(value), dims };
}

/** `v` repeated over `dims` (which it must broadcast to). */
export function broadcastTo(v: Dense, dims: readonly number[]): Float64Array {
  if (sameDims(v.dims, dims)) return v.data;
  const idx = broadcastIndex(dims, v.dims);
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = v.data[idx[i]];
  return out;
}

/** The gradient `g` of a broadcast result, summed back onto an input of shape `dims`. */
export function reduceTo(g: Dense, dims: readonly number[]): Dense {
  if (sameDims(g.dims, dims)) return g;
  const idx = broadcastIndex(g.dims, dims);
  const out = new Float64Array(sizeOf(dims));
  for (let i = 0; i < idx.length; i++) out[idx[i]] += g.data[i];
  return { data: out, dims };
}

/** Adds `b` into `a` (same shapes: both are gradients of one value). */
export function accumulate(a: Dense | undefined, b: Dense): Dense {
  if (!a) return b;
  const out = Float64Array.from(a.data);
  for (let i = 0; i < out.length; i++) out[i] += b.data[i];
  return { data: out, dims: a.dims };
}
