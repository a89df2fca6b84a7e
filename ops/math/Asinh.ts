import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Asinh = defineUnary('Asinh', [9, 22], () => ({
  scalar: floatsOnly(Math.asinh),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.asinh(x[i]);
  },
}));
