import { erf } from '../helpers/erf.js';
import type { UnaryLoopF32 } from '../helpers/float32-loops.js';
import { defineUnary } from './define-unary.js';
import { floatsOnly } from './element-types.js';

const geluExact = (v: number) => 0.5 * v * (1 + erf(v * Math.SQRT1_2));

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const geluTanh = (v: number) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));

const exactLoop: UnaryLoopF32 = (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = geluExact(x[i]);
};
const tanhLoop: UnaryLoopF32 = (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = geluTanh(x[i]);
};

export const Gelu = defineUnary('Gelu', [20], (ctx) => {
  const approximate = ctx.attrs.string('approximate', 'none');
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw ctx.attrs.error(`approximate must be "none" or "tanh", got "${approximate}"`, 'approximate');
  }
  return approximate === 'tanh'
    ? { scalar: floatsOnly(geluTanh), f32: tanhLoop }
    : { scalar: floatsOnly(geluExact), f32: exactLoop };
});
