import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { concatAlongAxis } from '../helpers/concat-along-axis.js';
import { normalizeAxis } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import { applyLookupTable, buildLookupTable, identity, sameQuantization } from './qlinear-lookup.js';
import { allocQuantized, quantizedType, scaleValue, zeroPointValue } from './qlinear-params.js';

// Concat of quantized tensors, each requantized to Y's scale and zero point (by a lookup table,
// or copied when its parameters already are Y's). Inputs: Y_scale, Y_zero_point, then
// (X, X_scale, X_zero_point) per tensor; uint8 or int8, Y_zero_point's type.
export const QLinearConcat = [
  defineOp('QLinearConcat', 1, (ctx) => {
    const axisAttr = ctx.attrs.required('axis', ctx.attrs.int('axis'));
    const count = ctx.node.inputs.length - 2;
    if (count < 3 || count % 3 !== 0) {
      throw ctx.attrs.error(`needs Y_scale, Y_zero_point and then (X, X_scale, X_zero_point) per input, got ${ctx.node.inputs.length} inputs`);
    }
    const op = 'QLinearConcat';
    return (inputs, rt) => {
      const yZeroT = tensorInput(inputs, 1, 'Y_zero_point');
      const type = quantizedType(op, yZeroT, 'Y_zero_point');
      const y = { scale: scaleValue(op, tensorInput(inputs, 0, 'Y_scale'), 'Y_scale'), zeroPoint: zeroPointValue(op, yZeroT, type, 'Y_zero_point') };
      const parts: Tensor[] = [];
      for (let i = 2; i < inputs.length; i += 3) {
        const n = (i - 2) / 3;
        const x = tensorInput(inputs, i, `input ${n}`);
        if (x.type !== type) throw new InvalidInputError(`${op}: input ${n} is ${x.type}, Y_zero_point is ${type}`);
        const xq = {
          scale: scaleValue(op, tensorInput(inputs, i + 1, `scale of input ${n}`), `scale of input ${n}`),
          zeroPoint: zeroPointValue(op, tensorInput(inputs, i + 2, `zero point of input ${n}`), type, `zero point of input ${n}`),
        };
        if (sameQuantization(xq, y)) { parts.push(x); continue; }
        const out = allocQuantized(type, x.size);
        applyLookupTable(buildLookupTable(type, xq, y, identity), x.data as Uint8Array | Int8Array, out);
        parts.push(new Tensor(type, out, x.dims));
      }
      return [concatAlongAxis(parts, normalizeAxis(axisAttr, parts[0].dims.length), rt)];
    };
  }, MICROSOFT_DOMAIN),
];
