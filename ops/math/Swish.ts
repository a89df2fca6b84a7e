import { sigmoid } from './activations.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Swish = defineUnary('Swish', [24], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1.0);
  return {
    scalar: floatsOnly((v: number) => v * sigmoid(alpha * v)),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        y[i] = v * sigmoid(alpha * v);
      }
    },
  };
});
