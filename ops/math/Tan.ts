import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Tan = defineUnary('Tan', [7, 22], () => ({
  scalar: floatsOnly(Math.tan),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.tan(x[i]);
  },
}));
