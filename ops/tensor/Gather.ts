import { defineOpVersions } from '../define.js';
import { resolveIndices } from '../helpers/index-bounds.js';
import { normalizeAxis } from '../helpers/shape.js';
import { takeIndices } from '../helpers/take-indices.js';
import { tensorInput } from '../helpers/values.js';

// out[o, j..., k] = data[o, indices[j...], k]
export const Gather = defineOpVersions('Gather', [1, 11, 13], (ctx) => {
  const axisAttr = ctx.attrs.int('axis', 0);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'data');
    const indices = tensorInput(inputs, 1, 'indices');
    const axis = normalizeAxis(axisAttr, x.dims.length, 'Gather axis');
    const idx = resolveIndices('Gather', indices, x.dims[axis], `on axis ${axis} of shape [${x.dims}]`);
    return [takeIndices(x, axis, idx, indices.dims)];
  };
});
