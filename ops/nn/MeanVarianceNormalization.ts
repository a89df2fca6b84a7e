import { defineOpVersions } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { reducedDims } from '../helpers/reduce-axes.js';
import { broadcastIndex, normalizeAxes, sizeOf } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';

// (X - mean) / (sqrt(variance) + 1e-9), statistics over `axes` (default [0, 2, 3]): the
// epsilon is added to the standard deviation, as in the op's function body.
export const MeanVarianceNormalization = defineOpVersions('MeanVarianceNormalization', [9, 13], (ctx) => {
  const axesAttr = ctx.attrs.ints('axes', [0, 2, 3]);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const axes = normalizeAxes(axesAttr, x.dims.length);
    const statDims = reducedDims(x.dims, axes, true);
    const slots = sizeOf(statDims);
    const slot = broadcastIndex(x.dims, statDims);
    const count = x.size / Math.max(1, slots);
    const xv = floatData(x, 'X');
    const mean = new Float64Array(slots);
    const variance = new Float64Array(slots);
    for (let i = 0; i < x.size; i++) mean[slot[i]] += xv[i];
    for (let s = 0; s < slots; s++) mean[s] /= count;
    for (let i = 0; i < x.size; i++) {
      const d = xv[i] - mean[slot[i]];
      variance[slot[i]] += d * d;
    }
    const inv = new Float64Array(slots);
    for (let s = 0; s < slots; s++) inv[s] = 1 / (Math.sqrt(variance[s] / count) + 1e-9);
    const y = allocFloat(x.type, x.size);
    for (let i = 0; i < x.size; i++) y[i] = (xv[i] - mean[slot[i]]) * inv[slot[i]];
    return [fromCompute(x.type, y, x.dims)];
  };
});
