import { defineBinary } from './define-binary.js';
import { isInt32Wide, numericTypes } from './element-types.js';

const mul = numericTypes((x: number, y: number) => x * y, (x: bigint, y: bigint) => x * y);
// A 32-bit product can need 64 bits, beyond a double's 53: Math.imul keeps the low 32 exactly,
// which is what C's wrapping multiply leaves. Narrower products fit a double and wrap on store.
const mulInt32 = (x: number, y: number) => Math.imul(x, y);

export const Mul = defineBinary('Mul', [1, 6, 7, 13, 14], () => ({
  scalar: (a) => (isInt32Wide(a) ? mulInt32 : mul(a)),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] * b[bi];
  },
}));
