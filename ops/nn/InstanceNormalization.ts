import { defineOpVersions } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { blockMoments } from './block-moments.js';
import { channelLayout, channelParam } from './channel-params.js';

// y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c], statistics per instance and channel.
export const InstanceNormalization = defineOpVersions('InstanceNormalization', [1, 6, 22], (ctx) => {
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    const { n, c, spatial } = channelLayout(x.dims, 'input');
    const scale = channelParam(tensorInput(inputs, 1, 'scale'), c, 'scale');
    const bias = channelParam(tensorInput(inputs, 2, 'B'), c, 'B');
    const xv = floatData(x, 'input');
    const { mean, invStd } = blockMoments(xv, n * c, spatial, epsilon);
    const y = allocFloat(x.type, x.size);
    for (let b = 0; b < n * c; b++) {
      const ch = b % c;
      const a = invStd[b] * scale[ch];
      const shift = bias[ch] - mean[b] * a;
      const base = b * spatial;
      for (let i = base; i < base + spatial; i++) y[i] = xv[i] * a + shift;
    }
    return [fromCompute(x.type, y, x.dims)];
  };
});
