import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';
import { blockMoments } from './block-moments.js';
import { channelLayout, channelParam } from './channel-params.js';

/**
 * Statistics per instance and group of C / num_groups channels. `perChannel`: opset 21 takes
 * scale and bias of shape (C); opset 18 took one value per group (num_groups).
 */
function groupNormalization(perChannel: boolean) {
  return defineOp('GroupNormalization', perChannel ? 21 : 18, (ctx) => {
    const epsilon = ctx.attrs.float('epsilon', 1e-5);
    const groups = ctx.attrs.required('num_groups', ctx.attrs.int('num_groups'));
    if (groups <= 0) throw ctx.attrs.error(`num_groups must be positive, got ${groups}`, 'num_groups');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const { n, c, spatial } = channelLayout(x.dims);
      if (c % groups !== 0) {
        throw new InvalidInputError(`GroupNormalization: the channel count ${c} is not divisible by num_groups ${groups}`);
      }
      const paramCount = perChannel ? c : groups;
      const scale = channelParam(tensorInput(inputs, 1, 'scale'), paramCount, 'scale');
      const bias = channelParam(tensorInput(inputs, 2, 'bias'), paramCount, 'bias');
      const xv = floatData(x, 'X');
      const perGroup = c / groups;
      const { mean, invStd } = blockMoments(xv, n * groups, perGroup * spatial, epsilon);
      const y = allocFloat(x.type, x.size);
      for (let b = 0; b < n * c; b++) {
        const ch = b % c;
        const stat = Math.floor(b / c) * groups + Math.floor(ch / perGroup);
        const p = perChannel ? ch : stat % groups;
        const a = invStd[stat] * scale[p];
        const shift = bias[p] - mean[stat] * a;
        const base = b * spatial;
        for (let i = base; i < base + spatial; i++) y[i] = xv[i] * a + shift;
      }
      return [fromCompute(x.type, y, x.dims)];
    };
  });
}

export const GroupNormalization = [groupNormalization(false), groupNormalization(true)];
