import { defineOpVersions } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { channelLayout } from './channel-params.js';

// Local response normalization across channels:
// y = x / (bias + alpha / size * sum of x^2 over channels [c - floor((size-1)/2), c + ceil((size-1)/2)])^beta
export const LRN = defineOpVersions('LRN', [1, 13], (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1e-4);
  const beta = ctx.attrs.float('beta', 0.75);
  const bias = ctx.attrs.float('bias', 1);
  const size = ctx.attrs.required('size', ctx.attrs.int('size'));
  if (size <= 0) throw ctx.attrs.error(`size must be positive, got ${size}`, 'size');
  const before = Math.floor((size - 1) / 2);
  const after = Math.ceil((size - 1) / 2);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const { n, c, spatial } = channelLayout(x.dims);
    const xv = floatData(x, 'X');
    const y = allocFloat(x.type, x.size);
    const sq = new Float64Array(spatial);
    for (let b = 0; b < n; b++) {
      const batchBase = b * c * spatial;
      for (let ch = 0; ch < c; ch++) {
        sq.fill(0);
        const lo = Math.max(0, ch - before), hi = Math.min(c - 1, ch + after);
        for (let k = lo; k <= hi; k++) {
          const kb = batchBase + k * spatial;
          for (let s = 0; s < spatial; s++) sq[s] += xv[kb + s] * xv[kb + s];
        }
        const base = batchBase + ch * spatial;
        for (let s = 0; s < spatial; s++) y[base + s] = xv[base + s] / Math.pow(bias + (alpha / size) * sq[s], beta);
      }
    }
    return [fromCompute(x.type, y, x.dims)];
  };
});
