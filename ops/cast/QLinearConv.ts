import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { roundToFloatType } from '../helpers/float-rounding.js';
import { storeQuantized } from '../helpers/quantized-store.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { numbersOf, optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import { perChannelDims } from './broadcast-param.js';
import { convGeometry, convValues, readConvAttributes } from './integer-conv.js';
import { minusZeroPoint } from './zero-point.js';

// y = round((conv(x - x_zp, w - w_zp) + B) * (x_scale * w_scale / y_scale)) + y_zp, saturated
// to y's type (y_zero_point's, or x's when it is omitted). w's scale and zero point are per
// tensor or per output channel; the integer accumulation is exact.
export const QLinearConv = [
  defineOp('QLinearConv', 10, (ctx) => {
    const attrs = readConvAttributes(ctx);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'x');
      const xScale = readScalar(tensorInput(inputs, 1, 'x_scale'));
      const xZero = optionalTensorInput(inputs, 2);
      const w = tensorInput(inputs, 3, 'w');
      const wScaleT = tensorInput(inputs, 4, 'w_scale');
      const wZero = optionalTensorInput(inputs, 5);
      const yScaleT = tensorInput(inputs, 6, 'y_scale');
      const yZero = optionalTensorInput(inputs, 7);
      const bias = optionalTensorInput(inputs, 8);
      const g = convGeometry(attrs, x.dims, w.dims);
      if (wScaleT.size !== 1 && wScaleT.size !== g.M) {
        throw new InvalidInputError(`QLinearConv: w_scale has ${wScaleT.size} values, expected 1 or ${g.M} (one per output channel)`);
      }
      if (bias && bias.size !== g.M) throw new InvalidInputError(`QLinearConv: B has ${bias.size} values, expected ${g.M}`);
      const acc = convValues(
        minusZeroPoint(x, xZero, 'x_zero_point'),
        minusZeroPoint(w, wZero, 'w_zero_point', perChannelDims(wZero, w.dims.length)),
        g, bias ? numbersOf(bias) : undefined,
      );
      const narrow = roundToFloatType(yScaleT.type);
      const wScale = numbersOf(wScaleT), yScale = readScalar(yScaleT);
      const yz = yZero ? readScalar(yZero) : 0;
      const outSize = acc.length / (g.N * g.M);
      for (let n = 0, i = 0; n < g.N; n++) {
        for (let m = 0; m < g.M; m++) {
          const scale = narrow(narrow(xScale * wScale[wScale.length === 1 ? 0 : m]) / yScale);
          for (let p = 0; p < outSize; p++, i++) acc[i] = roundHalfEven(acc[i] * scale) + yz;
        }
      }
      const type = yZero?.type ?? x.type;
      return [new Tensor(type, storeQuantized(type, acc), g.outDims)];
    };
  }),
];
