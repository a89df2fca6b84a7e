import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const ThresholdedRelu = defineUnary('ThresholdedRelu', [10, 22], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1.0);
  return {
    scalar: floatsOnly((v: number) => (v > alpha ? v : 0)),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        y[i] = v > alpha ? v : 0;
      }
    },
  };
});
