import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { qlinearUnaryKernel } from './qlinear-unary.js';

// Y = quantize(leaky_relu(dequantize(X), alpha)), uint8 or int8, through a lookup table (qlinear-unary.ts).
export const QLinearLeakyRelu = [
  defineOp('QLinearLeakyRelu', 1, (ctx) => {
    const alpha = Math.fround(ctx.attrs.float('alpha', 0.01));
    return qlinearUnaryKernel(ctx, (x) => x.map((v) => (v >= 0 ? v : alpha * v)));
  }, MICROSOFT_DOMAIN),
];
