import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

// expm1 keeps alpha·(e^x - 1) accurate for x near zero.
export const Elu = defineUnary('Elu', [1, 6, 22], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1.0);
  return {
    scalar: floatsOnly((v: number) => (v < 0 ? alpha * Math.expm1(v) : v)),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        y[i] = v < 0 ? alpha * Math.expm1(v) : v;
      }
    },
  };
});
