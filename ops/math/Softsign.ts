import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Softsign = defineUnary('Softsign', [1, 22], () => ({
  scalar: floatsOnly((v: number) => v / (1 + Math.abs(v))),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      y[i] = v / (1 + Math.abs(v));
    }
  },
}));
