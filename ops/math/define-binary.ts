// The shape shared by the two-input element-wise ops: numpy broadcasting (or, before opset 7,
// the `broadcast`/`axis` attributes), one function per element-type, a float32 loop for the
// hot path, and errors naming the op and the types when the inputs do not fit.
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { binaryMap, type ScalarFn2 } from '../helpers/elementwise.js';
import { type BinaryLoopF32, binaryFloat32, computesInFloat32 } from '../helpers/float32-loops.js';
import { tensorInput } from '../helpers/values.js';
import type { KernelFn, OpContext, OpDefinition, RuntimeContext } from '../types.js';
import { legacyBroadcast } from './legacy-broadcast.js';

export interface BinaryKernel {
  /** The function on one pair of elements, or undefined if the op does not take these types. */
  scalar: (aType: DataType, bType: DataType) => ScalarFn2 | undefined;
  /** The same function as a loop, for two inputs of one type that computes in float32. */
  f32?: BinaryLoopF32;
  /** The output element type when it is not the first input's (bool for comparisons). */
  outType?: DataType;
  /** Whether the inputs may differ in type (Pow's exponent); otherwise they must match. */
  mixedTypes?: boolean;
}

export function applyBinary(opType: string, a: Tensor, b: Tensor, kernel: BinaryKernel, rt?: RuntimeContext): Tensor {
  if (!kernel.mixedTypes && a.type !== b.type) {
    throw new InvalidInputError(`${opType} needs inputs of one element type, got ${a.type} and ${b.type}`, undefined, a.type, b.type);
  }
  const fn = kernel.scalar(a.type, b.type);
  if (!fn) {
    const types = a.type === b.type ? a.type : `${a.type} and ${b.type}`;
    throw new InvalidInputError(`${opType} does not take ${types} tensors`, undefined, undefined, types);
  }
  if (kernel.f32 && !kernel.outType && a.type === b.type && computesInFloat32(a.type)) return binaryFloat32(a, b, kernel.f32, rt);
  return binaryMap(a, b, fn, kernel.outType ?? a.type);
}

/** One definition per version; `make` reads the attributes once per node. */
export function defineBinary(opType: string, versions: number[], make: (ctx: OpContext) => BinaryKernel): OpDefinition[] {
  return versions.map((since) =>
    defineOp(opType, since, (ctx) => {
      const align = legacyBroadcast(ctx);
      const kernel = make(ctx);
      const fn: KernelFn = (inputs, rt) => {
        const [a, b] = align(tensorInput(inputs, 0, `${opType} input A`), tensorInput(inputs, 1, `${opType} input B`));
        return [applyBinary(opType, a, b, kernel, rt)];
      };
      fn.inPlace = true; // the float32 loops read element i of a full-size input just before writing it
      return fn;
    }),
  );
}
