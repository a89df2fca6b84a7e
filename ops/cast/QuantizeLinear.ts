import type { DataType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { roundToFloatType } from '../helpers/float-rounding.js';
import { checkZeroPointShape, forEachQuantRow, quantLayout } from '../helpers/quant-layout.js';
import { isIntegerQuantizedType, isQuantizedType, storeQuantized } from '../helpers/quantized-store.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { numbersOf, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { dataTypeAttribute } from './cast-attributes.js';
import { quantizePerTensor } from './per-tensor-quantize.js';

/** The division's precision when the `precision` attribute is absent: y_scale's type, except
 * that scales of the 8-bit float types (float8e8m0 block scales) divide in float32. */
function divisionType(scaleType: DataType): DataType {
  return scaleType === 'float64' || scaleType === 'float16' || scaleType === 'bfloat16' ? scaleType : 'float32';
}

// y = saturate(round(x / y_scale) + y_zero_point), rounding half to even, for integer types;
// float types skip the rounding and encode (saturating unless `saturate` = 0 for float8).
// The division runs in the precision of y_scale's type, or of the `precision` attribute.
// 13 added per-axis, 19 float8 and `saturate`, 21 blocking, int4/uint4 and `output_dtype`,
// 23 float4e2m1, 24 float8e8m0 scales, 25 int2/uint2 and `precision`.
export const QuantizeLinear = [10, 13, 19, 21, 23, 24, 25].map((since) =>
  defineOp('QuantizeLinear', since, (ctx) => {
    const axis = ctx.attrs.int('axis', 1);
    const saturate = ctx.attrs.int('saturate', 1) !== 0;
    const blockSize = ctx.attrs.int('block_size', 0);
    if (blockSize < 0) throw ctx.attrs.error(`block_size must be >= 0, got ${blockSize}`, 'block_size');
    const outputDtype = dataTypeAttribute(ctx, 'output_dtype');
    if (outputDtype && !isQuantizedType(outputDtype)) throw ctx.attrs.error(`output_dtype ${outputDtype} is not a quantized type`, 'output_dtype');
    const precision = dataTypeAttribute(ctx, 'precision');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'x');
      const scale = tensorInput(inputs, 1, 'y_scale');
      const zeroPoint = optionalTensorInput(inputs, 2);
      let type: DataType = outputDtype ?? 'uint8';
      if (zeroPoint) {
        if (outputDtype && outputDtype !== zeroPoint.type) {
          throw new InvalidInputError(`QuantizeLinear: output_dtype ${outputDtype} differs from y_zero_point's type ${zeroPoint.type}`);
        }
        type = zeroPoint.type;
      }
      if (!isQuantizedType(type)) throw new InvalidInputError(`QuantizeLinear: cannot quantize to ${type}`);
      const layout = quantLayout(x.dims, scale.dims, axis, blockSize, 'y_scale');
      if (zeroPoint) checkZeroPointShape(zeroPoint.dims, scale.dims, 'y_zero_point');
      const fast = precision === undefined || precision === 'float32' ? quantizePerTensor(x, scale, zeroPoint, type) : undefined;
      if (fast) return [fast];
      const xv = numbersOf(x), sv = numbersOf(scale), zv = zeroPoint ? numbersOf(zeroPoint) : undefined;
      const narrow = roundToFloatType(precision ?? divisionType(scale.type));
      const rounds = isIntegerQuantizedType(type);
      const values = new Float64Array(x.size);
      forEachQuantRow(layout, (start, p, step, count) => {
        for (let j = 0; j < count; j++, p += step) {
          const q = narrow(narrow(xv[start + j]) / narrow(sv[p]));
          values[start + j] = (rounds ? roundHalfEven(q) : q) + (zv ? zv[p] : 0);
        }
      });
      return [new Tensor(type, storeQuantized(type, values, saturate), x.dims)];
    };
  }),
);
