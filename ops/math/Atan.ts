import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Atan = defineUnary('Atan', [7, 22], () => ({
  scalar: floatsOnly(Math.atan),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.atan(x[i]);
  },
}));
