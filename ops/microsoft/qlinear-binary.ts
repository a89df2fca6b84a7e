// QLinearAdd and QLinearMul: C = quantize(dequantize(A) op dequantize(B)) with numpy
// broadcasting, every parameter per tensor. The float32 steps follow onnxruntime's x86
// kernels (MLAS), so results agree with it bit for bit and not only up to a rounding step:
// Add folds the scales into ratios to C's scale and accumulates with fused multiply-adds;
// Mul multiplies the integer differences and scales once.
import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { forEachBroadcastRun } from '../helpers/broadcast-runs.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { broadcastShapes, sizeOf } from '../helpers/shape.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { KernelInput } from '../types.js';
import { type QuantizedType, allocQuantized, quantizedType, saturate, scaleValue, zeroPointValue } from './qlinear-params.js';

const f = Math.fround;

/** fma in float32: the product of two float32 values is exact in float64, so one rounding remains (two, rarely). */
const fma32 = (a: number, b: number, c: number) => f(a * b + c);

export interface BinaryParams {
  sA: number; zA: number; sB: number; zB: number; sC: number; zC: number;
}

/** One broadcast run: `length` results from A and B read by their steps (0 repeats an element). */
export type BinaryRunKernel = (
  p: BinaryParams, a: ArrayLike<number>, aStart: number, aStep: number,
  b: ArrayLike<number>, bStart: number, bStep: number, out: Uint8Array | Int8Array, outStart: number, length: number, type: QuantizedType,
) => void;

export const addRun: BinaryRunKernel = (p, a, aStart, aStep, b, bStart, bStep, out, outStart, length, type) => {
  const rAC = f(p.sA / p.sC), rBC = f(p.sB / p.sC);
  // the compiler fuses these multiply-adds too, so they round once
  let fixed = f(p.zC - fma32(rAC, p.zA, f(rBC * p.zB)));
  // a repeated operand joins the constant part once, as MLAS's scalar-operand loops do
  if (aStep === 0) fixed = fma32(a[aStart], rAC, fixed);
  if (bStep === 0) fixed = fma32(b[bStart], rBC, fixed);
  for (let i = 0; i < length; i++) {
    let c = fixed;
    if (bStep !== 0) c = fma32(b[bStart + i], rBC, c);
    if (aStep !== 0) c = fma32(a[aStart + i], rAC, c);
    out[outStart + i] = saturate(type, roundHalfEven(c));
  }
};

export const mulRun: BinaryRunKernel = (p, a, aStart, aStep, b, bStart, bStep, out, outStart, length, type) => {
  const ratio = f(f(p.sA * p.sB) / p.sC);
  for (let i = 0; i < length; i++) {
    const product = (a[aStart + i * aStep] - p.zA) * (b[bStart + i * bStep] - p.zB);
    out[outStart + i] = saturate(type, roundHalfEven(f(f(product * ratio) + p.zC)));
  }
};

/** Reads the eight inputs (A, A_scale, A_zero_point, B, B_scale, B_zero_point, C_scale, C_zero_point) and runs `run` over the broadcast. */
export function qlinearBinary(op: string, inputs: KernelInput[], run: BinaryRunKernel): Tensor {
  const a = tensorInput(inputs, 0, 'A');
  const b = tensorInput(inputs, 3, 'B');
  const type = quantizedType(op, a, 'A');
  if (b.type !== type) throw new InvalidInputError(`${op}: B must be ${type} like A, got ${b.type}`, 'B');
  const p: BinaryParams = {
    sA: scaleValue(op, tensorInput(inputs, 1, 'A_scale'), 'A_scale'),
    zA: zeroPointValue(op, optionalTensorInput(inputs, 2), type, 'A_zero_point'),
    sB: scaleValue(op, tensorInput(inputs, 4, 'B_scale'), 'B_scale'),
    zB: zeroPointValue(op, optionalTensorInput(inputs, 5), type, 'B_zero_point'),
    sC: scaleValue(op, tensorInput(inputs, 6, 'C_scale'), 'C_scale'),
    zC: zeroPointValue(op, optionalTensorInput(inputs, 7), type, 'C_zero_point'),
  };
  let outDims: number[];
  try {
    outDims = broadcastShapes(a.dims, b.dims);
  } catch {
    throw new InvalidInputError(`${op}: A [${a.dims}] and B [${b.dims}] do not broadcast`);
  }
  const out = allocQuantized(type, sizeOf(outDims));
  const av = a.data as Uint8Array | Int8Array, bv = b.data as Uint8Array | Int8Array;
  forEachBroadcastRun(outDims, a.dims, b.dims, (aStart, aStep, bStart, bStep, outStart, length) => {
    run(p, av, aStart, aStep, bv, bStart, bStep, out, outStart, length, type);
  });
  return new Tensor(type, out, outDims);
}
