// Picks the GEMM kernel for an element type: the blocked float32 kernel for float32, float16
// and bfloat16 (computed in float32), the generic kernels for float64 and the integers.
import { gemmF32 } from '../compute/f32-gemm.js';
import { gemmBigInts, gemmNumbers } from '../compute/generic-gemm.js';
import type { GemmArgs } from '../compute/gemm-args.js';
import type { DataType } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';

/** The types Gemm (from opset 9) and MatMul accept. */
export const GEMM_TYPES: readonly DataType[] = ['float32', 'float16', 'bfloat16', 'float64', 'int32', 'uint32', 'int64', 'uint64'];

// The kernel matching the type receives arrays of that type's compute view.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGemm = (args: GemmArgs<any>) => void;

export function gemmForType(op: string, type: DataType): AnyGemm {
  switch (type) {
    case 'float32': case 'float16': case 'bfloat16': return gemmF32;
    case 'float64': return (g) => gemmNumbers(g, 'float');
    case 'int32': case 'uint32': return (g) => gemmNumbers(g, 'int');
    case 'int64': case 'uint64': return gemmBigInts;
    default: throw new InvalidInputError(`${op}: inputs must be one of ${GEMM_TYPES.join(', ')}, got ${type}`);
  }
}
