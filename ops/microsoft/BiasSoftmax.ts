// com.microsoft BiasSoftmax: Softmax(data + bias) over the elements of the axes from `axis` on
// (opset-11 Softmax semantics; axis 1 by default), bias broadcast to data as numpy does.
// is_inner_broadcast tells GPU kernels which axes the bias repeats over; the broadcast rule
// covers both forms. onnxruntime runs it on GPU providers only.
import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { checkSameFloatType } from './contrib-checks.js';

export const BiasSoftmax = defineOp('BiasSoftmax', 1, (ctx) => {
  const axisAttr = ctx.attrs.int('axis', 1);
  ctx.attrs.required('is_inner_broadcast', ctx.attrs.int('is_inner_broadcast'));
  return (inputs) => {
    const data = tensorInput(inputs, 0, 'data');
    const biasT = tensorInput(inputs, 1, 'bias');
    checkSameFloatType('BiasSoftmax', 'bias', biasT, data);
    const sum = binaryMap(data, biasT, (a: number, b: number) => a + b);
    if (sum.dims.length !== data.dims.length || sum.dims.some((d, i) => d !== data.dims[i])) {
      throw new InvalidInputError(`BiasSoftmax: bias [${biasT.dims.join(',')}] must broadcast to data's shape [${data.dims.join(',')}]`, 'bias');
    }
    const axis = normalizeAxis(axisAttr, data.dims.length);
    const inner = sizeOf(data.dims.slice(axis));
    const v = floatData(sum, 'data');
    const y = allocFloat(data.type, data.size);
    for (let base = 0; base < y.length; base += inner) {
      let max = -Infinity;
      for (let i = 0; i < inner; i++) if (v[base + i] > max) max = v[base + i];
      let total = 0;
      for (let i = 0; i < inner; i++) total += (y[base + i] = Math.exp(v[base + i] - max));
      for (let i = 0; i < inner; i++) y[base + i] /= total;
    }
    return [fromCompute(data.type, y, data.dims)];
  };
}, MICROSOFT_DOMAIN);
