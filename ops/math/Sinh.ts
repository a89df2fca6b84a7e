import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Sinh = defineUnary('Sinh', [9, 22], () => ({
  scalar: floatsOnly(Math.sinh),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.sinh(x[i]);
  },
}));
