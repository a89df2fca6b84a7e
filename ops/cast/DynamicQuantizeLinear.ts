import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { dynamicQuantizeUint8 } from '../helpers/dynamic-quantize-uint8.js';
import { tensorInput } from '../helpers/values.js';

// Quantizes a float32 tensor to uint8 with a scale and zero point derived from its range
// (the rule is in helpers/dynamic-quantize-uint8.ts, shared with the fast kernels).
export const DynamicQuantizeLinear = [
  defineOp('DynamicQuantizeLinear', 11, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'x');
    if (x.type !== 'float32') throw new InvalidInputError(`DynamicQuantizeLinear: x must be float32, got ${x.type}`);
    const { values, scale, zeroPoint } = dynamicQuantizeUint8(x.data as Float32Array);
    return [new Tensor('uint8', values, x.dims), new Tensor('float32', [scale], []), new Tensor('uint8', [zeroPoint], [])];
  }),
];
