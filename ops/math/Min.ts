import type { BinaryKernel } from './define-binary.js';
import { defineVariadic } from './define-variadic.js';
import { numericTypes } from './element-types.js';

// NaN wins, as in numpy's minimum: `x < y` is false for it either way round.
const min = (x: number, y: number) => (x < y || x !== x ? x : y);

export const minKernel: BinaryKernel = {
  scalar: numericTypes(min, (x: bigint, y: bigint) => (x < y ? x : y)),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = min(a[ai], b[bi]);
  },
};

// Min-8 added broadcasting, Min-12 the integer types.
export const Min = defineVariadic('Min', [1, 6, 8, 12, 13], minKernel);
