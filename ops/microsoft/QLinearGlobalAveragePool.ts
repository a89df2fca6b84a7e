import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { sizeOf } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import { qlinearGlobalAverage } from './qlinear-global-average.js';
import { quantizedType, scaleValue, zeroPointValue } from './qlinear-params.js';

// GlobalAveragePool on quantized data (uint8 or int8), NCHW or, with channels_last, NHWC; any
// number of spatial axes. Inputs: X, x_scale, x_zero_point, y_scale, y_zero_point.
export const QLinearGlobalAveragePool = [
  defineOp('QLinearGlobalAveragePool', 1, (ctx) => {
    const channelsLast = ctx.attrs.int('channels_last', 0) !== 0;
    const op = 'QLinearGlobalAveragePool';
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const type = quantizedType(op, x, 'X');
      if (x.dims.length < 3) throw new InvalidInputError(`${op}: X must have rank >= 3 (batch, channels, spatial axes), got [${x.dims}]`, 'X');
      const rank = x.dims.length;
      const C = channelsLast ? x.dims[rank - 1] : x.dims[1];
      const spatial = channelsLast ? x.dims.slice(1, -1) : x.dims.slice(2);
      const y = qlinearGlobalAverage({
        x: x.data as Uint8Array | Int8Array, type, batch: x.dims[0], channels: C, imageSize: sizeOf(spatial), channelsLast,
        xScale: scaleValue(op, tensorInput(inputs, 1, 'x_scale'), 'x_scale'),
        xZero: zeroPointValue(op, tensorInput(inputs, 2, 'x_zero_point'), type, 'x_zero_point'),
        yScale: scaleValue(op, tensorInput(inputs, 3, 'y_scale'), 'y_scale'),
        yZero: zeroPointValue(op, tensorInput(inputs, 4, 'y_zero_point'), type, 'y_zero_point'),
      });
      const outDims = x.dims.map((d, i) => (i === 0 || i === (channelsLast ? rank - 1 : 1) ? d : 1));
      return [new Tensor(type, y, outDims)];
    };
  }, MICROSOFT_DOMAIN),
];
