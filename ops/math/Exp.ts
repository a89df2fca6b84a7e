import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Exp = defineUnary('Exp', [1, 6, 13], () => ({
  scalar: floatsOnly(Math.exp),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]);
  },
}));
