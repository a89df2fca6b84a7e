// Input checks shared by the com.microsoft ops: typed errors that name the op, the input, and
// what was expected against what came.
import { isFloatType } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';

/** Dims as error messages write them: [2,3,4]. */
export const shapeText = (dims: readonly number[]): string => `[${dims.join(',')}]`;

/** A 1-D tensor of `size` values (gamma, beta, bias along the hidden axis). */
export function checkVector(op: string, what: string, t: Tensor, size: number): void {
  if (t.dims.length !== 1 || t.dims[0] !== size) {
    throw new InvalidInputError(`${op}: ${what} must have shape [${size}], got ${shapeText(t.dims)}`, what, `[${size}]`, shapeText(t.dims));
  }
}

/** The tensor's rank is one of `ranks`. */
export function checkRank(op: string, what: string, t: Tensor, ranks: readonly number[]): void {
  if (!ranks.includes(t.dims.length)) {
    const expected = `rank ${ranks.join(' or ')}`;
    throw new InvalidInputError(`${op}: ${what} must have ${expected}, got shape ${shapeText(t.dims)}`, what, expected, shapeText(t.dims));
  }
}

/** A floating-point tensor of the same element type as `like` (the op's T). */
export function checkSameFloatType(op: string, what: string, t: Tensor, like: Tensor): void {
  if (!isFloatType(like.type)) {
    throw new InvalidInputError(`${op}: input must be a floating-point tensor, got ${like.type}`, 'input', 'a float type', like.type);
  }
  if (t.type !== like.type) {
    throw new InvalidInputError(`${op}: ${what} must be ${like.type} like the input, got ${t.type}`, what, like.type, t.type);
  }
}

/** The float type of the statistics outputs (mean, inv_std_var) for inputs of type T. */
export function statisticsType(t: Tensor): 'float32' | 'float64' {
  return t.type === 'float64' ? 'float64' : 'float32';
}
