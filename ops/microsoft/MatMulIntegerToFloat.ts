import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import { integerMatMulToFloat } from './integer-matmul-to-float.js';

// (A - a_zero_point) @ (B - b_zero_point) * (a_scale * b_scale) + bias, float32 out, from
// 8-bit A and B (see integer-matmul-to-float.ts). a_zero_point is per tensor; a_scale per
// tensor, or any shape broadcasting over Y (applied after the bias, as onnxruntime does).
export const MatMulIntegerToFloat = [
  defineOp('MatMulIntegerToFloat', 1, () => (inputs) => {
    const op = 'MatMulIntegerToFloat';
    const a = tensorInput(inputs, 0, 'A');
    if (a.type !== 'uint8' && a.type !== 'int8') throw new InvalidInputError(`${op}: A must be uint8 or int8, got ${a.type}`, 'A');
    const aScale = tensorInput(inputs, 2, 'a_scale');
    if (aScale.type !== 'float32') throw new InvalidInputError(`${op}: a_scale must be float32, got ${aScale.type}`, 'a_scale');
    const aZero = optionalTensorInput(inputs, 4);
    if (aZero && (aZero.size !== 1 || aZero.type !== a.type)) {
      throw new InvalidInputError(`${op}: a_zero_point must be one ${a.type} value, got ${aZero.type} [${aZero.dims}]`, 'a_zero_point');
    }
    return [integerMatMulToFloat({
      op, a, aZeroPoint: aZero ? readScalar(aZero) : 0,
      aScale: aScale.size === 1 ? readScalar(aScale) : aScale,
      b: tensorInput(inputs, 1, 'B'), bScale: tensorInput(inputs, 3, 'b_scale'),
      bZeroPoint: optionalTensorInput(inputs, 5), bias: optionalTensorInput(inputs, 6),
    })];
  }, MICROSOFT_DOMAIN),
];
