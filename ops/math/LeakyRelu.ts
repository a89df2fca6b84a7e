import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const LeakyRelu = defineUnary('LeakyRelu', [1, 6, 16], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 0.01);
  return {
    scalar: floatsOnly((v: number) => (v < 0 ? alpha * v : v)),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        y[i] = v < 0 ? alpha * v : v;
      }
    },
  };
});
