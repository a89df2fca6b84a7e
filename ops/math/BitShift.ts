import { defineBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

// JavaScript shifts by the amount mod 32 (mod nothing for bigints), so amounts at or past the
// width are caught first: everything is shifted out. Left shifts wrap when stored.
const left = numericTypes(
  (x: number, y: number) => (y >= 32 ? 0 : x << y),
  (x: bigint, y: bigint) => (y >= 64n ? 0n : x << y),
);
const right = numericTypes(
  (x: number, y: number) => (y >= 32 ? 0 : x >>> y),
  (x: bigint, y: bigint) => (y >= 64n ? 0n : x >> y),
);

export const BitShift = defineBinary('BitShift', [11], (ctx) => {
  const direction = ctx.attrs.required('direction', ctx.attrs.string('direction'));
  if (direction !== 'LEFT' && direction !== 'RIGHT') {
    throw ctx.attrs.error(`direction must be "LEFT" or "RIGHT", got "${direction}"`, 'direction');
  }
  const shift = direction === 'LEFT' ? left : right;
  return { scalar: (a) => (a.startsWith('uint') ? shift(a) : undefined) };
});
