import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

// Selu-1 documented its defaults to four digits; Selu-6 gave them to float32 precision.
export const Selu = defineUnary('Selu', [1, 6, 22], (ctx) => {
  const alpha = ctx.attrs.float('alpha', ctx.opset < 6 ? 1.6732 : 1.67326319217681884765625);
  const gamma = ctx.attrs.float('gamma', ctx.opset < 6 ? 1.0507 : 1.05070102214813232421875);
  const ga = gamma * alpha;
  return {
    scalar: floatsOnly((v: number) => (v > 0 ? gamma * v : ga * Math.expm1(v))),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        y[i] = v > 0 ? gamma * v : ga * Math.expm1(v);
      }
    },
  };
});
