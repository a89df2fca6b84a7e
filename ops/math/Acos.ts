import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Acos = defineUnary('Acos', [7, 22], () => ({
  scalar: floatsOnly(Math.acos),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.acos(x[i]);
  },
}));
