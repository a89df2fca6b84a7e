import { defineUnary } from './define-unary.js';
import { integersOnly } from './element-types.js';

// ~ flips all 32 bits of a number or every bit of a bigint; storing into the typed array
// keeps the bits of the element's width.
export const BitwiseNot = defineUnary('BitwiseNot', [18], () => ({
  scalar: integersOnly((v: any) => ~v), // eslint-disable-line @typescript-eslint/no-explicit-any
}));
