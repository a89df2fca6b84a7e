import { defineUnary } from './define-unary.js';
import { numericTypes } from './element-types.js';

// Zero keeps its sign and NaN stays NaN, as numpy's sign does.
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : x);

export const Sign = defineUnary('Sign', [9, 13], () => ({
  scalar: numericTypes(sign, (x: bigint) => (x > 0n ? 1n : x < 0n ? -1n : 0n)),
  f32: (x, y) => {
    for (let i = 0; i < x.length; i++) y[i] = sign(x[i]);
  },
}));
