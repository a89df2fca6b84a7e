import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Floor = defineUnary('Floor', [1, 6, 13], () => ({
  scalar: floatsOnly(Math.floor),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = Math.floor(x[i]);
  },
}));
