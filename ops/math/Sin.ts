import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Sin = defineUnary('Sin', [7, 22], () => ({
  scalar: floatsOnly(Math.sin),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.sin(x[i]);
  },
}));
