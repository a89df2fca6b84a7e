import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Reciprocal = defineUnary('Reciprocal', [1, 6, 13], () => ({
  scalar: floatsOnly((v: number) => 1 / v),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = 1 / x[i];
  },
}));
