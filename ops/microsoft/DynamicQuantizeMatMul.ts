import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { dynamicQuantizeUint8 } from '../helpers/dynamic-quantize-uint8.js';
import { integerMatMulToFloat } from './integer-matmul-to-float.js';

// MatMul of a float32 A with a quantized B (uint8 or int8, per-tensor or per-column scale and
// zero point): A is quantized to uint8 from its own range, as DynamicQuantizeLinear does, then
// multiplied in integers and scaled back (see integer-matmul-to-float.ts).
export const DynamicQuantizeMatMul = [
  defineOp('DynamicQuantizeMatMul', 1, () => (inputs) => {
    const a = tensorInput(inputs, 0, 'A');
    if (a.type !== 'float32') throw new InvalidInputError(`DynamicQuantizeMatMul: A must be float32, got ${a.type}`, 'A');
    const q = dynamicQuantizeUint8(a.data as Float32Array);
    return [integerMatMulToFloat({
      op: 'DynamicQuantizeMatMul',
      a: new Tensor('uint8', q.values, a.dims), aZeroPoint: q.zeroPoint, aScale: q.scale,
      b: tensorInput(inputs, 1, 'B'), bScale: tensorInput(inputs, 2, 'b_scale'),
      bZeroPoint: optionalTensorInput(inputs, 3), bias: optionalTensorInput(inputs, 4),
    })];
  }, MICROSOFT_DOMAIN),
];
