// Float tensors as arrays to compute with: float32/float64 as stored, encoded floats
// (float16, bfloat16, float8...) decoded to float32. Results are written into the same kind
// of array and encoded back by `fromCompute`.
import { type DataType, isFloatType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { allocCompute, computeView, fromCompute } from './values.js';

export type FloatArray = Float32Array | Float64Array;

/** The values of a floating-point tensor; throws naming `what` for any other element type. */
export function floatData(t: Tensor, what: string): FloatArray {
  if (!isFloatType(t.type)) {
    throw new InvalidInputError(`${what} must be a floating-point tensor, got ${t.type}`);
  }
  return computeView(t) as FloatArray;
}

/** Storage for `size` results of float type `type` (float32 for the encoded types). */
export function allocFloat(type: DataType, size: number): FloatArray {
  return allocCompute(type, size) as FloatArray;
}

/** A tensor of float type `type` from any array of numbers (converted to its storage). */
export function floatTensor(type: DataType, values: ArrayLike<number>, dims: readonly number[]): Tensor {
  if (type === 'float64' && !(values instanceof Float64Array)) return new Tensor(type, Float64Array.from(values), dims);
  if (type === 'float32' && !(values instanceof Float32Array)) return new Tensor(type, Float32Array.from(values), dims);
  return fromCompute(type, values as FloatArray, dims);
}
