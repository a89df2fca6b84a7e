import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Sqrt = defineUnary('Sqrt', [1, 6, 13], () => ({
  scalar: floatsOnly(Math.sqrt),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]);
  },
}));
