// Which element types an element-wise op takes, and how its scalar function is picked per
// type: numbers for floats and the ints up to 32 bits, bigints for int64/uint64.
import { type DataType, isBigIntType, isFloatType, isIntegerType } from '../../data/dtype.js';
import type { ScalarFn1, ScalarFn2 } from '../helpers/elementwise.js';

export function isNumericType(type: DataType): boolean {
  return isFloatType(type) || isIntegerType(type);
}

export function isSignedType(type: DataType): boolean {
  return isFloatType(type) || (isIntegerType(type) && !type.startsWith('u'));
}

/** The ints stored in number arrays whose products can exceed 2^53 (so need Math.imul). */
export function isInt32Wide(type: DataType): boolean {
  return type === 'int32' || type === 'uint32';
}

/** `fn` for floating-point types, nothing for others. */
export function floatsOnly<F extends ScalarFn1 | ScalarFn2>(fn: F): (type: DataType) => F | undefined {
  return (type) => (isFloatType(type) ? fn : undefined);
}

/** `num` for numeric types held as numbers, `big` for int64/uint64; `signed` excludes unsigned ints. */
export function numericTypes<N extends ScalarFn1 | ScalarFn2, B extends ScalarFn1 | ScalarFn2>(
  num: N, big: B, signed = false,
): (type: DataType) => N | B | undefined {
  return (type) => {
    if (signed ? !isSignedType(type) : !isNumericType(type)) return undefined;
    return isBigIntType(type) ? big : num;
  };
}

/** `fn` (written to work on numbers and bigints alike) for integer types only. */
export function integersOnly<F extends ScalarFn1 | ScalarFn2>(fn: F): (type: DataType) => F | undefined {
  return (type) => (isIntegerType(type) ? fn : undefined);
}

/** `fn` for bool tensors only. */
export function boolsOnly<F extends ScalarFn1 | ScalarFn2>(fn: F): (type: DataType) => F | undefined {
  return (type) => (type === 'bool' ? fn : undefined);
}
