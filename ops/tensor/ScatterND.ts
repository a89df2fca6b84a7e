import { defineOp } from '../define.js';
import { indexValues } from '../helpers/index-bounds.js';
import { ndIndexLayout, tupleOffset } from '../helpers/nd-index-layout.js';
import { computeCopy, readScatterReduction, scatterCombine, scatterReductionsAt } from '../helpers/scatter-reduction.js';
import { sameDims } from '../helpers/shape.js';
import { computeView, fromCompute, tensorInput } from '../helpers/values.js';
import { slotsPerElement } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';

// output = copy of data; output[indices[t]] (a slice) = combine(that slice, updates[t]).
export const ScatterND = [11, 13, 16, 18].map((since) =>
  defineOp('ScatterND', since, (ctx) => {
    const combine = scatterCombine(readScatterReduction(ctx, scatterReductionsAt(since)));
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'data');
      const indices = tensorInput(inputs, 1, 'indices');
      const updates = tensorInput(inputs, 2, 'updates');
      const L = ndIndexLayout('ScatterND', x.dims, indices.dims, 0);
      const expected = [...indices.dims.slice(0, -1), ...x.dims.slice(L.depth)];
      if (!sameDims(updates.dims, expected)) {
        throw new InvalidInputError(`ScatterND: updates shape [${updates.dims}] should be [${expected}] for data [${x.dims}] and indices [${indices.dims}]`);
      }
      if (updates.type !== x.type) throw new InvalidInputError(`ScatterND: updates type ${updates.type} differs from data type ${x.type}`);
      if (slotsPerElement(x.type) !== 1) throw new InvalidInputError(`ScatterND: ${x.type} tensors are not supported`);
      const idx = indexValues('ScatterND', indices);
      const upd = computeView(updates) as unknown as ArrayLike<unknown>;
      const out = computeCopy(x) as unknown as { [i: number]: unknown };
      const n = L.sliceSize;
      for (let t = 0; t < L.perBatch; t++) {
        const off = tupleOffset('ScatterND', idx, t, L);
        for (let j = 0; j < n; j++) out[off + j] = combine(out[off + j], upd[t * n + j]);
      }
      return [fromCompute(x.type, out as never, x.dims)];
    };
  }),
);
