import { defineOpVersions } from '../define.js';
import { offsetsBesideAxis } from '../helpers/axis-offsets.js';
import { indexValues, resolveIndex } from '../helpers/index-bounds.js';
import { normalizeAxis, sizeOf, stridesOf } from '../helpers/shape.js';
import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { tensorInput } from '../helpers/values.js';

// out[i][j][k] = data[indices[i][j][k]][j][k] (for axis 0): the output has the indices' shape.
export const GatherElements = defineOpVersions('GatherElements', [11, 13], (ctx) => {
  const axisAttr = ctx.attrs.int('axis', 0);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'data');
    const indices = tensorInput(inputs, 1, 'indices');
    const rank = x.dims.length;
    const axis = normalizeAxis(axisAttr, rank, 'GatherElements axis');
    if (indices.dims.length !== rank || indices.dims.some((d, k) => k !== axis && d > x.dims[k])) {
      throw new InvalidInputError(`GatherElements: indices shape [${indices.dims}] does not fit data shape [${x.dims}] (axis ${axis})`);
    }
    const idx = indexValues('GatherElements', indices);
    const slots = slotsPerElement(x.type);
    const xs = stridesOf(x.dims);
    const n = sizeOf(indices.dims);
    const out = allocateData(x.type, n) as unknown as { [i: number]: unknown };
    const src = x.data as unknown as { [i: number]: unknown };
    const size = x.dims[axis];
    const base = offsetsBesideAxis(indices.dims, xs, axis);
    for (let i = 0; i < n; i++) {
      const p = (base[i] + resolveIndex('GatherElements', idx[i], size, `on axis ${axis}`) * xs[axis]) * slots;
      for (let s = 0; s < slots; s++) out[i * slots + s] = src[p + s];
    }
    return [new Tensor(x.type, out as never, indices.dims)];
  };
});
