import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Tanh = defineUnary('Tanh', [1, 6, 13], () => ({
  scalar: floatsOnly(Math.tanh),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]);
  },
}));
