import { isFloatType } from '../../data/dtype.js';
import { defineBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

// Integer division truncates toward zero, as in C. Dividing by zero has no defined result
// there; 0 is what numpy gives, and it keeps a bad input from crashing the run.
const divInt = numericTypes(
  (x: number, y: number) => (y === 0 ? 0 : Math.trunc(x / y)),
  (x: bigint, y: bigint) => (y === 0n ? 0n : x / y),
);
const divFloat = (x: number, y: number) => x / y;

export const Div = defineBinary('Div', [1, 6, 7, 13, 14], () => ({
  scalar: (a) => (isFloatType(a) ? divFloat : divInt(a)),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] / b[bi];
  },
}));
