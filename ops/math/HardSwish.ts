import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

// x · HardSigmoid(x) with alpha = 1/6 and beta = 0.5.
const hardSwish = (v: number) => {
  const s = v / 6 + 0.5;
  return s <= 0 ? 0 * v : s >= 1 ? v : v * s;
};

export const HardSwish = defineUnary('HardSwish', [14, 22], () => ({
  scalar: floatsOnly(hardSwish),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = hardSwish(x[i]);
  },
}));
