import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Log = defineUnary('Log', [1, 6, 13], () => ({
  scalar: floatsOnly(Math.log),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.log(x[i]);
  },
}));
