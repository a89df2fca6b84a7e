import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Cosh = defineUnary('Cosh', [9, 22], () => ({
  scalar: floatsOnly(Math.cosh),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.cosh(x[i]);
  },
}));
