import { defineOpVersions } from '../define.js';
import { indexValues, resolveIndex } from '../helpers/index-bounds.js';
import { sizeOf, stridesOf } from '../helpers/shape.js';
import { copyRun } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { allocateData, slotsPerElement } from '../../src/data/dtype.js';
import { Tensor } from '../../src/data/tensor.js';
import { InvalidInputError } from '../../src/errors.js';

/** Checks GatherND/ScatterND shapes; returns the layout both loops share. */
export function ndIndexLayout(op: string, data: readonly number[], indices: readonly number[], batchDims: number) {
  const q = indices.length;
  const r = data.length;
  if (q < 1) throw new InvalidInputError(`${op}: indices must have rank >= 1, got a scalar`);
  const depth = indices[q - 1];
  if (batchDims < 0 || batchDims >= Math.min(q, r + 1) || depth > r - batchDims) {
    throw new InvalidInputError(`${op}: indices of shape [${indices}] (batch_dims ${batchDims}) cannot index data of shape [${data}]`);
  }
  for (let k = 0; k < batchDims; k++) {
    if (indices[k] !== data[k]) throw new InvalidInputError(`${op}: batch dimension ${k} differs: data [${data}], indices [${indices}]`);
  }
  const batches = sizeOf(data.slice(0, batchDims));
  return {
    depth,
    batches,
    /** index tuples per batch */
    perBatch: sizeOf(indices.slice(batchDims, q - 1)),
    /** elements addressed by one index tuple */
    sliceSize: sizeOf(data.slice(batchDims + depth)),
    batchStride: sizeOf(data.slice(batchDims)),
    strides: stridesOf(data).slice(batchDims, batchDims + depth),
    sizes: data.slice(batchDims, batchDims + depth),
  };
}

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
        let off = b * L.batchStride;
        for (let k = 0; k < L.depth; k++) {
          off += resolveIndex('GatherND', idx[t * L.depth + k], L.sizes[k], `in position ${k} of an index tuple`) * L.strides[k];
        }
        copyRun(x.data, off * slots, out, t * block, block);
      }
    }
    return [new Tensor(x.type, out, dims)];
  };
});
