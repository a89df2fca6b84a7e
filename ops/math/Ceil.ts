import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Ceil = defineUnary('Ceil', [1, 6, 13], () => ({
  scalar: floatsOnly(Math.ceil),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.ceil(x[i]);
  },
}));
