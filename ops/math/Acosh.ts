import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Acosh = defineUnary('Acosh', [9, 22], () => ({
  scalar: floatsOnly(Math.acosh),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.acosh(x[i]);
  },
}));
