import { defineOp } from '../define.js';
import { allocFloat, floatData, floatTensor } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { blockMoments } from './block-moments.js';
import { readStashType } from './stash-type.js';
import { trailingOperand } from './trailing-operand.js';

// Y = (X - mean) / sqrt(var + epsilon) * Scale + B over the axes from `axis` on; Mean and
// InvStdDev keep X's rank with the normalized axes set to 1, in the stash type.
export const LayerNormalization = [
  defineOp('LayerNormalization', 17, (ctx) => {
    const axisAttr = ctx.attrs.int('axis', -1);
    const epsilon = ctx.attrs.float('epsilon', 1e-5);
    const stashType = readStashType(ctx.attrs);
    const wantMean = outputRequested(ctx.node, 1);
    const wantInvStd = outputRequested(ctx.node, 2);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const scaleT = tensorInput(inputs, 1, 'Scale');
      const biasT = optionalTensorInput(inputs, 2);
      const rank = x.dims.length;
      const axis = normalizeAxis(axisAttr, rank);
      const trailing = x.dims.slice(axis);
      const inner = sizeOf(trailing);
      const outer = sizeOf(x.dims.slice(0, axis));
      const xv = floatData(x, 'X');
      const scale = trailingOperand(scaleT, trailing, 'Scale');
      const bias = biasT ? trailingOperand(biasT, trailing, 'B') : undefined;
      const { mean, invStd } = blockMoments(xv, outer, inner, epsilon);
      const y = allocFloat(x.type, x.size);
      for (let o = 0; o < outer; o++) {
        const base = o * inner;
        const m = mean[o], s = invStd[o];
        if (bias) {
          for (let i = 0; i < inner; i++) y[base + i] = (xv[base + i] - m) * s * scale[i] + bias[i];
        } else {
          for (let i = 0; i < inner; i++) y[base + i] = (xv[base + i] - m) * s * scale[i];
        }
      }
      const statDims = x.dims.map((d, i) => (i < axis ? d : 1));
      return [
        fromCompute(x.type, y, x.dims),
        wantMean ? floatTensor(stashType, mean, statDims) : null,
        wantInvStd ? floatTensor(stashType, invStd, statDims) : null,
      ];
    };
  }),
];
