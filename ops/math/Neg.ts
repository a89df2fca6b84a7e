import { defineUnary } from './define-unary.js';
import { numericTypes } from './element-types.js';

export const Neg = defineUnary('Neg', [1, 6, 13], () => ({
  scalar: numericTypes((x: number) => -x, (x: bigint) => -x, true),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = -x[i];
  },
}));
