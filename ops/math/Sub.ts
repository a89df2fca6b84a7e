import { defineBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

// Integer differences wrap when stored, as in C (uint8 1 - 2 is 255).
export const Sub = defineBinary('Sub', [1, 6, 7, 13, 14], () => ({
  scalar: numericTypes((x: number, y: number) => x - y, (x: bigint, y: bigint) => x - y),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] - b[bi];
  },
}));
