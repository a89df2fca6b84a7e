// The float arrays the convolution and matrix kernels compute on: float32 and float64 as
// stored, float16 and bfloat16 decoded to float32 (and the result encoded back).
import { outputArray } from '../helpers/output-data.js';
import type { RuntimeContext } from '../types.js';
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { computeView } from '../helpers/values.js';

export type FloatArray = Float32Array | Float64Array;

const FLOAT_TYPES: ReadonlySet<DataType> = new Set(['float32', 'float64', 'float16', 'bfloat16']);

/** `t`'s values for a float kernel; `t` must have type `type` (that of the op's first input). */
export function floatOperand(op: string, t: Tensor, what: string, type: DataType): FloatArray {
  if (!FLOAT_TYPES.has(t.type)) throw new InvalidInputError(`${op}: ${what} must be a float16, bfloat16, float or double tensor, got ${t.type}`);
  if (t.type !== type) throw new InvalidInputError(`${op}: ${what} must have the same type as the first input (${type}), got ${t.type}`);
  return computeView(t) as FloatArray;
}

/** Zeroed storage for a float kernel's result of `type` (float32 for the encoded types). */
export function floatResult(type: DataType, size: number, rt?: RuntimeContext): FloatArray {
  return outputArray(rt, 0, type, size) as FloatArray;
}
