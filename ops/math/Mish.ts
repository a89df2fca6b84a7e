import { softplus } from './activations.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

const mish = (v: number) => v * Math.tanh(softplus(v));

export const Mish = defineUnary('Mish', [18, 22], () => ({
  scalar: floatsOnly(mish),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = mish(x[i]);
  },
}));
