import { defineUnary } from './define-unary.js';
import { numericTypes } from './element-types.js';

// The most negative int wraps back to itself (abs(int8 -128) is -128), as in C.
export const Abs = defineUnary('Abs', [1, 6, 13], () => ({
  scalar: numericTypes(Math.abs, (x: bigint) => (x < 0n ? -x : x)),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
  },
}));
