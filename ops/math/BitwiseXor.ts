import { defineBinary } from './define-binary.js';
import { integersOnly } from './element-types.js';

export const BitwiseXor = defineBinary('BitwiseXor', [18], () => ({
  scalar: integersOnly((x: any, y: any) => x ^ y), // eslint-disable-line @typescript-eslint/no-explicit-any
}));
