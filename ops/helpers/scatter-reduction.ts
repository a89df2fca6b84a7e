// How Scatter* ops combine an update with the value already in the output (the `reduction`
// attribute), and the writable copy of the data they start from.
import type { Tensor } from '../../data/tensor.js';
import type { OpContext } from '../types.js';
import { allocCompute, computeView, type ComputeArray } from './values.js';

export type ScatterReduction = 'none' | 'add' | 'mul' | 'max' | 'min';

/** The reductions ScatterElements and ScatterND accept, by the opset version that introduced them. */
export function scatterReductionsAt(since: number): ScatterReduction[] {
  if (since >= 18) return ['none', 'add', 'mul', 'max', 'min'];
  if (since >= 16) return ['none', 'add', 'mul'];
  return ['none'];
}

/** Reads `reduction` (default 'none'), accepting only the values this opset version allows. */
export function readScatterReduction(ctx: OpContext, allowed: readonly ScatterReduction[]): ScatterReduction {
  const r = ctx.attrs.string('reduction', 'none') as ScatterReduction;
  if (!allowed.includes(r)) throw ctx.attrs.error(`reduction must be one of ${allowed.join(', ')}, got "${r}"`, 'reduction');
  return r;
}

// Values are numbers, or bigints for 64-bit integers; the operators below work on either.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Combine = (a: any, b: any) => any;

const COMBINE: Record<ScatterReduction, Combine> = {
  none: (_a, b) => b,
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
  max: (a, b) => (b > a ? b : a),
  min: (a, b) => (b < a ? b : a),
};

/** The function applied as `out[i] = combine(out[i], update)`. */
export function scatterCombine(r: ScatterReduction): Combine {
  return COMBINE[r];
}

/** A fresh, writable copy of the tensor's data in compute form (encoded floats decoded). */
export function computeCopy(t: Tensor): ComputeArray {
  const v = computeView(t);
  if (v !== t.data) return v; // decoding already produced a new array
  if (Array.isArray(v)) return v.slice();
  const out = allocCompute(t.type, v.length) as Float32Array;
  out.set(v as Float32Array);
  return out;
}
