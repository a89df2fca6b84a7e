import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { blockMoments } from './block-moments.js';
import { readStashType } from './stash-type.js';
import { trailingOperand } from './trailing-operand.js';

// Y = X / sqrt(mean(X^2) + epsilon) * scale over the axes from `axis` on. Y takes the scale's
// type (V), which may differ from X's.
export const RMSNormalization = [
  defineOp('RMSNormalization', 23, (ctx) => {
    const axisAttr = ctx.attrs.int('axis', -1);
    const epsilon = ctx.attrs.float('epsilon', 1e-5);
    // statistics are computed in float64, which covers every stash type
    readStashType(ctx.attrs);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const scaleT = tensorInput(inputs, 1, 'scale');
      const axis = normalizeAxis(axisAttr, x.dims.length);
      const trailing = x.dims.slice(axis);
      const inner = sizeOf(trailing);
      const outer = sizeOf(x.dims.slice(0, axis));
      const xv = floatData(x, 'X');
      const scale = trailingOperand(scaleT, trailing, 'scale');
      const { invStd } = blockMoments(xv, outer, inner, epsilon, true);
      const y = allocFloat(scaleT.type, x.size);
      for (let o = 0; o < outer; o++) {
        const base = o * inner;
        const s = invStd[o];
        for (let i = 0; i < inner; i++) y[base + i] = xv[base + i] * s * scale[i];
      }
      return [fromCompute(scaleT.type, y, x.dims)];
    };
  }),
];
