import { Tensor } from '../../data/tensor.js';
import { defineOp } from '../define.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { perChannelDims } from './broadcast-param.js';
import { convGeometry, convValues, readConvAttributes } from './integer-conv.js';
import { minusZeroPoint } from './zero-point.js';

// conv(x - x_zero_point, w - w_zero_point) in int32; w_zero_point is per tensor or per output
// channel. Attributes as Conv's (auto_pad, dilations, group, kernel_shape, pads, strides).
export const ConvInteger = [
  defineOp('ConvInteger', 10, (ctx) => {
    const attrs = readConvAttributes(ctx);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'x');
      const w = tensorInput(inputs, 1, 'w');
      const xZero = optionalTensorInput(inputs, 2), wZero = optionalTensorInput(inputs, 3);
      const g = convGeometry(attrs, x.dims, w.dims);
      const acc = convValues(
        minusZeroPoint(x, xZero, 'x_zero_point'),
        minusZeroPoint(w, wZero, 'w_zero_point', perChannelDims(wZero, w.dims.length)),
        g,
      );
      return [new Tensor('int32', Int32Array.from(acc), g.outDims)];
    };
  }),
];
