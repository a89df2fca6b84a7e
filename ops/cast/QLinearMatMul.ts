import { Tensor } from '../../data/tensor.js';
import { defineOp } from '../define.js';
import { roundToFloatType } from '../helpers/float-rounding.js';
import { isIntegerQuantizedType, storeQuantized } from '../helpers/quantized-store.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { broadcastParam, perRowDims } from './broadcast-param.js';
import { matmulGeometry, matmulValues } from './integer-matmul.js';
import { minusZeroPoint } from './zero-point.js';

// y = quantize((a - a_zp) @ (b - b_zp) * (a_scale * b_scale / y_scale)) + y_zp, the integer
// product exact and the combined scale computed in the scales' precision. a's parameters are
// per tensor or per row, b's and y's per tensor or per column. 21 added float8 and float16 /
// bfloat16 scales. The result takes y_zero_point's type (a's when it is omitted).
export const QLinearMatMul = [10, 21].map((since) =>
  defineOp('QLinearMatMul', since, () => (inputs) => {
    const a = tensorInput(inputs, 0, 'a');
    const aScale = tensorInput(inputs, 1, 'a_scale');
    const aZero = optionalTensorInput(inputs, 2);
    const b = tensorInput(inputs, 3, 'b');
    const bScale = tensorInput(inputs, 4, 'b_scale');
    const bZero = optionalTensorInput(inputs, 5);
    const yScale = tensorInput(inputs, 6, 'y_scale');
    const yZero = optionalTensorInput(inputs, 7);
    const type = yZero?.type ?? a.type;
    const g = matmulGeometry(a.dims, b.dims);
    const rowDims = (t: Tensor | undefined) => (a.dims.length > 1 ? perRowDims(t, g.M) : undefined);
    const acc = matmulValues(
      minusZeroPoint(a, aZero, 'a_zero_point', rowDims(aZero)), minusZeroPoint(b, bZero, 'b_zero_point'), g,
    );
    const as = broadcastParam(aScale, g.matrixDims, 'a_scale', rowDims(aScale));
    const bs = broadcastParam(bScale, g.matrixDims, 'b_scale');
    const ys = broadcastParam(yScale, g.matrixDims, 'y_scale');
    const yz = broadcastParam(yZero, g.matrixDims, 'y_zero_point');
    const narrow = roundToFloatType(yScale.type);
    const rounds = isIntegerQuantizedType(type);
    for (let i = 0; i < acc.length; i++) {
      const scale = narrow(narrow(as.values[as.index ? as.index[i] : 0] * bs.values[bs.index ? bs.index[i] : 0]) / ys.values[ys.index ? ys.index[i] : 0]);
      const v = acc[i] * scale;
      acc[i] = (rounds ? roundHalfEven(v) : v) + yz.values[yz.index ? yz.index[i] : 0];
    }
    return [new Tensor(type, storeQuantized(type, acc), g.outDims)];
  }),
);
