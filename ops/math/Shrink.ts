import { defineUnary } from './define-unary.js';
import { numericTypes } from './element-types.js';

// Shrink takes integer tensors too; the float result is truncated back into the type.
export const Shrink = defineUnary('Shrink', [9], (ctx) => {
  const bias = ctx.attrs.float('bias', 0);
  const lambd = ctx.attrs.float('lambd', 0.5);
  const shrink = (v: number) => (v < -lambd ? v + bias : v > lambd ? v - bias : 0);
  const shrinkBig = (v: bigint) => {
    const r = shrink(Number(v));
    return Number.isFinite(r) ? BigInt(Math.trunc(r)) : 0n;
  };
  return {
    scalar: numericTypes(shrink, shrinkBig),
    f32: (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = shrink(x[i]);
    },
  };
});
