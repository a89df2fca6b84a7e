import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { qlinearUnaryKernel } from './qlinear-unary.js';

// Y = quantize(sigmoid(dequantize(X))), uint8 or int8, through a lookup table (qlinear-unary.ts).
export const QLinearSigmoid = [
  defineOp('QLinearSigmoid', 1, (ctx) => qlinearUnaryKernel(ctx, (x) => x.map((v) => 1 / (1 + Math.exp(-v)))), MICROSOFT_DOMAIN),
];
