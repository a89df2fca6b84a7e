import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { tensorInput } from '../helpers/values.js';

// Quantizes a float32 tensor to uint8 with a scale and zero point derived from its range,
// widened to include 0: y_scale = (max - min) / 255, y_zero_point = round(clamp(-min / y_scale)),
// y = clamp(round(x / y_scale) + y_zero_point). Rounding is half to even, arithmetic in float32.
// An all-zero input (empty range) gets scale 1, so zero point and y are 0.
export const DynamicQuantizeLinear = [
  defineOp('DynamicQuantizeLinear', 11, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'x');
    if (x.type !== 'float32') throw new InvalidInputError(`DynamicQuantizeLinear: x must be float32, got ${x.type}`);
    const xv = x.data as Float32Array;
    let max = 0, min = 0;
    for (let i = 0; i < xv.length; i++) {
      const v = xv[i];
      if (v > max) max = v;
      if (v < min) min = v;
    }
    const f = Math.fround;
    const scale = max === min ? 1 : f(f(max - min) / 255);
    const zero = roundHalfEven(Math.min(255, Math.max(0, f(0 - f(min / scale)))));
    const y = new Uint8Array(xv.length);
    for (let i = 0; i < xv.length; i++) {
      const q = roundHalfEven(f(xv[i] / scale)) + zero;
      y[i] = q < 0 ? 0 : q > 255 ? 255 : q;
    }
    return [new Tensor('uint8', y, x.dims), new Tensor('float32', [scale], []), new Tensor('uint8', [zero], [])];
  }),
];
