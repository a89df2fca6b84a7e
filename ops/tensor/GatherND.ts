import { defineOpVersions } from '../define.js';
import { indexValues } from '../helpers/index-bounds.js';
import { ndIndexLayout, tupleOffset } from '../helpers/nd-index-layout.js';
import { sizeOf } from '../helpers/shape.js';
import { copyRun } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';

export const GatherND = defineOpVersions('GatherND', [11, 12, 13], (ctx) => {
  const batchDims = ctx.attrs.int('batch_dims', 0);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'data');
    const indices = tensorInput(inputs, 1, 'indices');
    const L = ndIndexLayout('GatherND', x.dims, indices.dims, batchDims);
    const idx = indexValues('GatherND', indices);
    const dims = [...indices.dims.slice(0, -1), ...x.dims.slice(batchDims + L.depth)];
    const slots = slotsPerElement(x.type);
    const out = allocateData(x.type, sizeOf(dims));
    const block = L.sliceSize * slots;
    let t = 0;
    for (let b = 0; b < L.batches; b++) {
      for (let j = 0; j < L.perBatch; j++, t++) {
        const off = b * L.batchStride + tupleOffset('GatherND', idx, t, L);
        copyRun(x.data, off * slots, out, t * block, block);
      }
    }
    return [new Tensor(x.type, out, dims)];
  };
});
