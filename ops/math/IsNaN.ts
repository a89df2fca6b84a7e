import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const IsNaN = defineUnary('IsNaN', [9, 13, 20], () => ({
  scalar: floatsOnly((v: number) => (v !== v ? 1 : 0)),
  outType: 'bool',
}));
