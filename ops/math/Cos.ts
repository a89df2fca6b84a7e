import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Cos = defineUnary('Cos', [7, 22], () => ({
  scalar: floatsOnly(Math.cos),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.cos(x[i]);
  },
}));
