import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { tensorInput, optionalTensorInput } from '../helpers/values.js';
import { allocQuantized, quantizedType, saturate, scaleValue, zeroPointValue } from './qlinear-params.js';

const FLOAT32_MAX = 3.4028234663852886e38;

// Softmax on quantized data the way onnxruntime computes it, which this op is defined by: the
// exponentials come from a 256-entry table of exp((x - max + shift) * x_scale) over the integer
// distance to the row's maximum (x_zero_point cancels out), where the shift keeps the row's sum
// below float32's range; y = round(e * floor(1 / y_scale) / sum) + y_zero_point, capped at 255.
// The `opset` attribute picks the Softmax semantics: before 13 the input is flattened to 2-D at
// `axis`, from 13 the softmax runs along `axis` alone; axis defaults to -1 in both, as the
// schema says (not to Softmax-12's 1).
export const QLinearSoftmax = [
  defineOp('QLinearSoftmax', 1, (ctx) => {
    const opset = ctx.attrs.required('opset', ctx.attrs.int('opset'));
    const axisAttr = ctx.attrs.int('axis', -1);
    const op = 'QLinearSoftmax';
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const type = quantizedType(op, x, 'X');
      const xScale = scaleValue(op, tensorInput(inputs, 1, 'X_scale'), 'X_scale');
      const yScale = scaleValue(op, tensorInput(inputs, 3, 'y_scale'), 'y_scale');
      const yZero = zeroPointValue(op, optionalTensorInput(inputs, 4), type, 'y_zero_point');
      if (x.dims.length === 0) throw new InvalidInputError(`${op}: X must have rank >= 1`, 'X');
      const axis = normalizeAxis(axisAttr, x.dims.length);
      // rows of `len` elements `stride` apart: flattened at axis before 13, one axis from 13
      const len = opset < 13 ? sizeOf(x.dims.slice(axis)) : x.dims[axis];
      const stride = opset < 13 ? 1 : sizeOf(x.dims.slice(axis + 1));
      const out = allocQuantized(type, x.size);
      if (x.size === 0) return [new Tensor(type, out, x.dims)];
      const shift = Math.max(0, Math.log(FLOAT32_MAX / len) - 5) / xScale;
      // table[d] = e^((d - 255 + shift) * x_scale): d is 255 minus the distance to the row maximum
      const table = new Float32Array(256);
      for (let d = 0; d < 256; d++) table[d] = Math.exp((d - 255 + shift) * xScale);
      const yMultiplier = Math.fround(Math.floor(1 / yScale));
      const xv = x.data as Uint8Array | Int8Array;
      const f = Math.fround;
      const rows = x.size / len;
      for (let r = 0; r < rows; r++) {
        const base = opset < 13 ? r * len : Math.floor(r / stride) * len * stride + (r % stride);
        let max = -Infinity;
        for (let i = 0; i < len; i++) max = Math.max(max, xv[base + i * stride]);
        let sum = 0;
        for (let i = 0; i < len; i++) sum = f(sum + table[255 - max + xv[base + i * stride]]);
        if (sum === 0) continue;
        for (let i = 0; i < len; i++) {
          const q = roundHalfEven(f(f(table[255 - max + xv[base + i * stride]] * yMultiplier) / sum)) + yZero;
          out[base + i * stride] = saturate(type, q);
        }
      }
      return [new Tensor(type, out, x.dims)];
    };
  }, MICROSOFT_DOMAIN),
];
