import { isFloatType } from '../../data/dtype.js';
import { defineBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

// fmod=1: C's fmod, the remainder takes the dividend's sign (JavaScript's %).
// fmod=0: the remainder takes the divisor's sign, as Python's % and numpy's mod.
// An integer remainder by zero is 0 (undefined in C; numpy's answer).
const truncated = numericTypes(
  (x: number, y: number) => (y === 0 ? 0 : x % y),
  (x: bigint, y: bigint) => (y === 0n ? 0n : x % y),
);
const floored = numericTypes(
  (x: number, y: number) => {
    if (y === 0) return 0;
    const r = x % y;
    return r !== 0 && r < 0 !== y < 0 ? r + y : r;
  },
  (x: bigint, y: bigint) => {
    if (y === 0n) return 0n;
    const r = x % y;
    return r !== 0n && r < 0n !== y < 0n ? r + y : r;
  },
);
const fmodFloat = (x: number, y: number) => x % y;
const flooredFloat = (x: number, y: number) => {
  const r = x % y;
  return r !== 0 && r < 0 !== y < 0 ? r + y : r;
};

export const Mod = defineBinary('Mod', [10, 13], (ctx) => {
  const fmod = ctx.attrs.int('fmod', 0);
  if (fmod !== 0 && fmod !== 1) throw ctx.attrs.error(`fmod must be 0 or 1, got ${fmod}`, 'fmod');
  if (fmod === 1) {
    return {
      scalar: (a) => (isFloatType(a) ? fmodFloat : truncated(a)),
      f32: (a, ai, as, b, bi, bs, out, oi, n) => {
        for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai] % b[bi];
      },
    };
  }
  return {
    scalar: (a) => (isFloatType(a) ? flooredFloat : floored(a)),
    f32: (a, ai, as, b, bi, bs, out, oi, n) => {
      for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = flooredFloat(a[ai], b[bi]);
    },
  };
});
