import { roundHalfEven } from '../helpers/round-half-even.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

// Ties go to the even neighbour (Round(2.5) is 2, Round(-1.5) is -2).
export const Round = defineUnary('Round', [11, 22], () => ({
  scalar: floatsOnly(roundHalfEven),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = roundHalfEven(x[i]);
  },
}));
