import { defineBinary } from './define-binary.js';
import { integersOnly } from './element-types.js';

// & works bit for bit on int32 numbers and on two's-complement bigints; storing the result
// keeps the element's width.
export const BitwiseAnd = defineBinary('BitwiseAnd', [18], () => ({
  scalar: integersOnly((x: any, y: any) => x & y), // eslint-disable-line @typescript-eslint/no-explicit-any
}));
