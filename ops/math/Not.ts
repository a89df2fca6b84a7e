import { defineUnary } from './define-unary.js';
import { boolsOnly } from './element-types.js';

export const Not = defineUnary('Not', [1], () => ({
  scalar: boolsOnly((v: number) => (v ? 0 : 1)),
}));
