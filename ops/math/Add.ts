import { defineBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

// Add-1/6 carried `broadcast`/`axis` attributes (and Add-1 `consumed_inputs`, ignored); from 7
// on, numpy broadcasting applies. Integer sums wrap when stored, as in C.
export const Add = defineBinary('Add', [1, 6, 7, 13, 14], () => ({
  scalar: numericTypes((x: number, y: number) => x + y, (x: bigint, y: bigint) => x + y),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] + b[bi];
  },
}));
