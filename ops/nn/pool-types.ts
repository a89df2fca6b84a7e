// Element-type checks for the pooling ops.
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { NumberArray } from '../../data/number-array.js';
import { computeView } from '../helpers/values.js';

export const FLOAT_POOL_TYPES: readonly DataType[] = ['float16', 'bfloat16', 'float32', 'float64'];

/** X's values as numbers (float16/bfloat16 decoded), after checking its type is one `op` accepts. */
export function poolValues(op: string, x: Tensor, types: readonly DataType[] = FLOAT_POOL_TYPES): NumberArray {
  if (!types.includes(x.type)) throw new InvalidInputError(`${op}: X must be one of ${types.join(', ')}, got ${x.type}`);
  return computeView(x) as NumberArray;
}
