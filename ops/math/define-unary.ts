// The shape shared by the one-input element-wise ops: pick the op's function for the input's
// element type (or its float32 loop), map every element, and name the op and type when the
// op does not take that type.
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { type ScalarFn1, unaryMap } from '../helpers/elementwise.js';
import { computesInFloat32, type UnaryLoopF32, unaryFloat32 } from '../helpers/float32-loops.js';
import { tensorInput } from '../helpers/values.js';
import type { KernelFn, OpContext, OpDefinition, RuntimeContext } from '../types.js';

export interface UnaryKernel {
  /** The function on one element of `type` (number or bigint), or undefined if the op does not take `type`. */
  scalar: (type: DataType) => ScalarFn1 | undefined;
  /** The same function as a loop, for the types that compute in float32. */
  f32?: UnaryLoopF32;
  /** The output element type when it is not the input's (bool for IsNaN). */
  outType?: DataType;
}

export function applyUnary(opType: string, x: Tensor, kernel: UnaryKernel, rt?: RuntimeContext): Tensor {
  const fn = kernel.scalar(x.type);
  if (!fn) throw new InvalidInputError(`${opType} does not take ${x.type} tensors`, 'X', undefined, x.type);
  if (kernel.f32 && !kernel.outType && computesInFloat32(x.type)) return unaryFloat32(x, kernel.f32, rt);
  return unaryMap(x, fn, kernel.outType ?? x.type);
}

/** One definition per version; `make` reads the attributes once per node. */
export function defineUnary(opType: string, versions: number[], make: (ctx: OpContext) => UnaryKernel): OpDefinition[] {
  return versions.map((since) =>
    defineOp(opType, since, (ctx) => {
      const kernel = make(ctx);
      const fn: KernelFn = (inputs, rt) => [applyUnary(opType, tensorInput(inputs, 0, `${opType} input`), kernel, rt)];
      fn.inPlace = true; // the float32 loops map element i to element i
      return fn;
    }),
  );
}
