import { type DataType, isFloatType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { checkZeroPointShape, forEachQuantRow, quantLayout } from '../helpers/quant-layout.js';
import { fromCompute, numbersOf, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { dataTypeAttribute } from './cast-attributes.js';
import { dequantizePerTensor } from './per-tensor-quantize.js';

/** Float64 results rounded once into float type `type`. */
function floatResult(type: DataType, values: Float64Array, dims: readonly number[]): Tensor {
  if (type === 'float64') return new Tensor(type, values, dims);
  if (type === 'float32') return new Tensor(type, Float32Array.from(values), dims);
  return fromCompute(type, values, dims);
}

// y = (x - x_zero_point) * x_scale, in the output type: `output_dtype` when given, else the
// scale's type. 13 added per-axis, 19 float8, 21 blocking and int4/uint4, 23 float4e2m1 and
// `output_dtype`, 24 float8e8m0 scales, 25 int2/uint2.
export const DequantizeLinear = [10, 13, 19, 21, 23, 24, 25].map((since) =>
  defineOp('DequantizeLinear', since, (ctx) => {
    const axis = ctx.attrs.int('axis', 1);
    const blockSize = ctx.attrs.int('block_size', 0);
    if (blockSize < 0) throw ctx.attrs.error(`block_size must be >= 0, got ${blockSize}`, 'block_size');
    const outputDtype = dataTypeAttribute(ctx, 'output_dtype');
    if (outputDtype && !isFloatType(outputDtype)) throw ctx.attrs.error(`output_dtype must be a float type, got ${outputDtype}`, 'output_dtype');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'x');
      const scale = tensorInput(inputs, 1, 'x_scale');
      const zeroPoint = optionalTensorInput(inputs, 2);
      const type = outputDtype ?? scale.type;
      if (!isFloatType(type)) throw new InvalidInputError(`DequantizeLinear: x_scale must be a float tensor, got ${scale.type}`);
      if (zeroPoint && zeroPoint.type !== x.type) {
        throw new InvalidInputError(`DequantizeLinear: x_zero_point type ${zeroPoint.type} must match x type ${x.type}`);
      }
      const layout = quantLayout(x.dims, scale.dims, axis, blockSize, 'x_scale');
      if (zeroPoint) checkZeroPointShape(zeroPoint.dims, scale.dims, 'x_zero_point');
      const fast = dequantizePerTensor(x, scale, zeroPoint, type);
      if (fast) return [fast];
      const xv = numbersOf(x), sv = numbersOf(scale), zv = zeroPoint ? numbersOf(zeroPoint) : undefined;
      const values = new Float64Array(x.size);
      forEachQuantRow(layout, (start, p, step, count) => {
        for (let j = 0; j < count; j++, p += step) values[start + j] = (xv[start + j] - (zv ? zv[p] : 0)) * sv[p];
      });
      return [floatResult(type, values, x.dims)];
    };
  }),
);
