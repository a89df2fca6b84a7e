import { sigmoid } from './activations.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Sigmoid = defineUnary('Sigmoid', [1, 6, 13], () => ({
  scalar: floatsOnly(sigmoid),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = sigmoid(x[i]);
  },
}));
