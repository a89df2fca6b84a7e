import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { addRun, qlinearBinary } from './qlinear-binary.js';

// C = quantize(dequantize(A) + dequantize(B)), uint8 or int8, broadcasting (see qlinear-binary.ts).
export const QLinearAdd = [
  defineOp('QLinearAdd', 1, () => (inputs) => [qlinearBinary('QLinearAdd', inputs, addRun)], MICROSOFT_DOMAIN),
];
