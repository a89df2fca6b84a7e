import type { BinaryKernel } from './define-binary.js';
import { defineVariadic } from './define-variadic.js';
import { numericTypes } from './element-types.js';

// NaN wins, as in numpy's maximum: `x > y` is false for it either way round.
const max = (x: number, y: number) => (x > y || x !== x ? x : y);

export const maxKernel: BinaryKernel = {
  scalar: numericTypes(max, (x: bigint, y: bigint) => (x > y ? x : y)),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = max(a[ai], b[bi]);
  },
};

// Max-8 added broadcasting, Max-12 the integer types.
export const Max = defineVariadic('Max', [1, 6, 8, 12, 13], maxKernel);
