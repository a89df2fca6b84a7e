import { softplus } from './activations.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Softplus = defineUnary('Softplus', [1, 22], () => ({
  scalar: floatsOnly(softplus),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = softplus(x[i]);
  },
}));
