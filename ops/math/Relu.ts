import { defineUnary } from './define-unary.js';
import { numericTypes } from './element-types.js';

// Relu-14 added the signed integer types. NaN passes through (as with numpy's maximum).
export const Relu = defineUnary('Relu', [1, 6, 13, 14], () => ({
  scalar: numericTypes((x: number) => (x < 0 ? 0 : x), (x: bigint) => (x < 0n ? 0n : x), true),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      y[i] = v < 0 ? 0 : v;
    }
  },
}));
