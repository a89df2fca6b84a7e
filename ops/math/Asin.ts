import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Asin = defineUnary('Asin', [7, 22], () => ({
  scalar: floatsOnly(Math.asin),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.asin(x[i]);
  },
}));
