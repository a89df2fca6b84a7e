import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Atanh = defineUnary('Atanh', [9, 22], () => ({
  scalar: floatsOnly(Math.atanh),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.atanh(x[i]);
  },
}));
