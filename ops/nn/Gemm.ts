import type { Activation } from '../../data/activation.js';
import { outputArray } from '../helpers/output-data.js';
import type { GemmBias } from '../compute/gemm-args.js';
import { isFloatType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { broadcastIndex } from '../helpers/shape.js';
import { type ComputeArray, computeView, fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpContext, RuntimeContext } from '../types.js';
import { gemmForType } from './conv-gemm-dispatch.js';

export interface GemmOptions {
  alpha: number;
  beta: number;
  transA: boolean;
  transB: boolean;
  activation?: Activation;
}

export function readGemmOptions(ctx: OpContext): GemmOptions {
  return {
    alpha: ctx.attrs.float('alpha', 1), beta: ctx.attrs.float('beta', 1),
    transA: ctx.attrs.int('transA', 0) !== 0, transB: ctx.attrs.int('transB', 0) !== 0,
  };
}

/** Y = alpha * op(A) * op(B) + beta * C, with C broadcast to M x N. */
export function runGemm(a: Tensor, b: Tensor, c: Tensor | undefined, o: GemmOptions, rt?: RuntimeContext): Tensor {
  if (a.dims.length !== 2 || b.dims.length !== 2) throw new InvalidInputError(`Gemm: A and B must be matrices, got shapes [${a.dims}] and [${b.dims}]`);
  if (a.type !== b.type || (c && c.type !== a.type)) {
    throw new InvalidInputError(`Gemm: A, B and C must have the same type, got ${[a, b, c].filter(Boolean).map((t) => t!.type).join(', ')}`);
  }
  const gemm = gemmForType('Gemm', a.type);
  const [m, k] = o.transA ? [a.dims[1], a.dims[0]] : a.dims;
  const [kb, n] = o.transB ? [b.dims[1], b.dims[0]] : b.dims;
  if (k !== kb) throw new InvalidInputError(`Gemm: op(A) is ${m} x ${k} but op(B) is ${kb} x ${n}; their inner sizes must match`);
  const y = outputArray(rt, 0, a.type, m * n);
  let bias: GemmBias<ComputeArray> | undefined;
  let beta = 0;
  if (c && o.beta !== 0) {
    if (c.dims.length > 2 || (c.dims.length === 2 && !fits(c.dims[0], m)) || (c.dims.length >= 1 && !fits(c.dims[c.dims.length - 1], n))) {
      throw new InvalidInputError(`Gemm: C of shape [${c.dims}] cannot be broadcast to the ${m} x ${n} result`);
    }
    const cv = computeView(c);
    const vectorAlong = c.dims.length === 2 && c.dims[0] === m && c.dims[1] === 1 ? 'rows'
      : c.dims.length >= 1 && c.dims[c.dims.length - 1] === n && c.size === n ? 'cols' : undefined;
    if (isFloatType(a.type) && vectorAlong) {
      // a bias vector: added in the GEMM epilogue instead of a pass over the output
      const values = o.beta === 1 ? cv : Float64Array.from(cv as Float32Array, (v) => v * o.beta);
      bias = { values, along: vectorAlong };
    } else {
      prefill(y, cv, [m, n], c.dims, o.beta);
      beta = 1;
    }
  }
  gemm({
    m, n, k, a: computeView(a), transA: o.transA, b: computeView(b), transB: o.transB, c: y,
    alpha: o.alpha, beta, bias, activation: o.activation,
  });
  return fromCompute(a.type, y, [m, n]);
}

function fits(d: number, size: number): boolean {
  return d === size || d === 1;
}

/** y = beta * C broadcast to `dims`. */
function prefill(y: ComputeArray, cv: ComputeArray, dims: number[], cDims: readonly number[], beta: number): void {
  const idx = broadcastIndex(dims, cDims);
  if (y instanceof BigInt64Array || y instanceof BigUint64Array) {
    const src = cv as BigInt64Array, f = BigInt(Math.trunc(beta));
    for (let i = 0; i < idx.length; i++) y[i] = f * src[idx[i]];
  } else {
    const dst = y as Float64Array, src = cv as Float64Array;
    for (let i = 0; i < idx.length; i++) dst[i] = beta * src[idx[i]];
  }
}

// Gemm-1 and 6 had a `broadcast` flag for C; from 7 C always broadcasts (unidirectionally),
// 9 added integer types, 11 made C optional, 13 added bfloat16. C is broadcast in every version.
export const Gemm = defineOpVersions('Gemm', [1, 6, 7, 9, 11, 13], (ctx) => {
  const options = readGemmOptions(ctx);
  return (inputs, rt) => [runGemm(tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B'), optionalTensorInput(inputs, 2), options, rt)];
});
