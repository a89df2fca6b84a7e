import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

export const IsInf = defineUnary('IsInf', [10, 20], (ctx) => {
  const positive = ctx.attrs.int('detect_positive', 1) !== 0;
  const negative = ctx.attrs.int('detect_negative', 1) !== 0;
  return {
    scalar: floatsOnly((v: number) => ((v === Infinity && positive) || (v === -Infinity && negative) ? 1 : 0)),
    outType: 'bool',
  };
});
