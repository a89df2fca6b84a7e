import { defineOp } from '../define.js';
import { indexValues, resolveIndex } from '../helpers/index-bounds.js';
import { computeCopy, readScatterReduction, scatterCombine, type ScatterReduction } from '../helpers/scatter-reduction.js';
import { sameDims } from '../helpers/shape.js';
import { computeView, fromCompute, tensorInput } from '../helpers/values.js';
import { slotsPerElement } from '../../src/data/dtype.js';
import { InvalidInputError } from '../../src/errors.js';
import { ndIndexLayout } from './GatherND.js';

const REDUCTIONS: Record<number, ScatterReduction[]> = {
  11: ['none'],
  13: ['none'],
  16: ['none', 'add', 'mul'],
  18: ['none', 'add', 'mul', 'max', 'min'],
};

// output = copy of data; output[indices[t]] (a slice) = combine(that slice, updates[t]).
export const ScatterND = [11, 13, 16, 18].map((since) =>
  defineOp('ScatterND', since, (ctx) => {
    const combine = scatterCombine(readScatterReduction(ctx, REDUCTIONS[since]));
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
        let off = 0;
        for (let k = 0; k < L.depth; k++) {
          off += resolveIndex('ScatterND', idx[t * L.depth + k], L.sizes[k], `in position ${k} of an index tuple`) * L.strides[k];
        }
        for (let j = 0; j < n; j++) out[off + j] = combine(out[off + j], upd[t * n + j]);
      }
      return [fromCompute(x.type, out as never, x.dims)];
    };
  }),
);
