import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

// max(0, x) + min(0, alpha·(e^(x/alpha) - 1)): the second term is zero for x >= 0.
// Celu-12 took float32 only; Celu-28 added the other float types.
export const Celu = defineUnary('Celu', [12, 28], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1.0);
  return {
    scalar: floatsOnly((v: number) => (v < 0 ? alpha * Math.expm1(v / alpha) : v)),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        y[i] = v < 0 ? alpha * Math.expm1(v / alpha) : v;
      }
    },
  };
});
