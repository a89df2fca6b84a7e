import { erf } from '../helpers/erf.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const Erf = defineUnary('Erf', [9, 13], () => ({
  scalar: floatsOnly(erf),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = erf(x[i]);
  },
}));
