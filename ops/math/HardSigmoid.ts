import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

export const HardSigmoid = defineUnary('HardSigmoid', [1, 6, 22], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 0.2);
  const beta = ctx.attrs.float('beta', 0.5);
  return {
    scalar: floatsOnly((v: number) => clamp01(alpha * v + beta)),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = clamp01(alpha * x[i] + beta);
    },
  };
});
