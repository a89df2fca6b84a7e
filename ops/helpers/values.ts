// Reading and building tensors in the forms kernels compute with: numbers for int and float
// types (encoded floats decoded to float32), bigints for 64-bit ints, strings for strings.
import {
  type DataType, type TypedArray, ENCODED_FLOAT_TYPES, allocateData, isBigIntType,
} from '../../data/dtype.js';
import { decodeFloatArray, encodeFloatArray } from '../../data/float-codecs.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { checkAllocation } from '../../data/allocation-guard.js';
import type { KernelInput } from '../types.js';

export type ComputeArray = TypedArray | string[];

export function isTensorValue(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

/** The input at `index` as a tensor; throws InvalidInputError naming the input if absent or not a tensor. */
export function tensorInput(inputs: KernelInput[], index: number, what = `input ${index}`): Tensor {
  const v = inputs[index];
  if (!(v instanceof Tensor)) {
    throw new InvalidInputError(v === undefined || v === null ? `${what} is required but missing` : `${what} must be a tensor`);
  }
  return v;
}

/** The optional input at `index`, or undefined when omitted (or an empty optional). */
export function optionalTensorInput(inputs: KernelInput[], index: number): Tensor | undefined {
  const v = inputs[index];
  return v instanceof Tensor ? v : undefined;
}

/** The data in computable form: encoded floats (float16, bfloat16, float8...) are decoded. */
export function computeView(t: Tensor): ComputeArray {
  if (ENCODED_FLOAT_TYPES.has(t.type)) return decodeFloatArray(t.type, t.data as TypedArray);
  return t.data;
}

/** The data as float64-compatible numbers, whatever the numeric type. */
export function numbersOf(t: Tensor): ArrayLike<number> {
  const v = computeView(t);
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float64Array.from(v, Number);
  if (Array.isArray(v)) throw new InvalidInputError(`expected a numeric tensor, got ${t.type}`);
  return v as ArrayLike<number>;
}

/** Integer list from an int32/int64 tensor (shapes, axes, indices). */
export function readInts(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<number | bigint>, (v) => Number(v));
}

/** A scalar (or single-element) numeric input as a number. */
export function readScalar(t: Tensor): number {
  if (t.size < 1) throw new InvalidInputError('expected a scalar, got an empty tensor');
  return Number(numbersOf(t)[0]);
}

/** Storage to compute results into: float32 for encoded floats, the native array otherwise. */
export function allocCompute(type: DataType, size: number): ComputeArray {
  if (ENCODED_FLOAT_TYPES.has(type)) {
    checkAllocation(size, 4, `${type} tensor`);
    return new Float32Array(size);
  }
  return allocateData(type, size);
}

/** Wraps computed values as a tensor of `type`, encoding float16/bfloat16/float8 as needed. */
export function fromCompute(type: DataType, values: ComputeArray, dims: readonly number[], saturate = true): Tensor {
  if (ENCODED_FLOAT_TYPES.has(type)) return new Tensor(type, encodeFloatArray(type, values as ArrayLike<number>, saturate), dims);
  return new Tensor(type, values, dims);
}

/** A tensor of `type` from plain numbers (converted to bigint for 64-bit ints). */
export function tensorFromNumbers(type: DataType, values: ArrayLike<number>, dims: readonly number[]): Tensor {
  if (isBigIntType(type)) {
    const out = allocateData(type, values.length) as BigInt64Array;
    for (let i = 0; i < values.length; i++) out[i] = BigInt(Math.trunc(values[i]));
    return new Tensor(type, out, dims);
  }
  const out = allocCompute(type, values.length) as Float32Array;
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return fromCompute(type, out, dims);
}
