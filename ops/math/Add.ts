import { type BinaryKernel, defineBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

/** Element-wise addition; integer sums wrap when stored, as in C. Also the step of Sum and Mean. */
export const addKernel: BinaryKernel = {
  scalar: numericTypes((x: number, y: number) => x + y, (x: bigint, y: bigint) => x + y),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] + b[bi];
  },
};

// Add-1/6 carried `broadcast`/`axis` attributes (and Add-1 `consumed_inputs`, ignored); from 7
// on, numpy broadcasting applies.
export const Add = defineBinary('Add', [1, 6, 7, 13, 14], () => addKernel);
