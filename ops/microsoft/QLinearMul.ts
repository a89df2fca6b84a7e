import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { mulRun, qlinearBinary } from './qlinear-binary.js';

// C = quantize(dequantize(A) * dequantize(B)), uint8 or int8, broadcasting (see qlinear-binary.ts).
export const QLinearMul = [
  defineOp('QLinearMul', 1, () => (inputs) => [qlinearBinary('QLinearMul', inputs, mulRun)], MICROSOFT_DOMAIN),
];
