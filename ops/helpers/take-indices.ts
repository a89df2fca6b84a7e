// Picks whole slices along one axis by index (Gather, Compress, Unique): for every outer
// position, the inner block at each chosen index is copied in one run.
import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { axisBlocks } from './axis-blocks.js';
import { copyRun } from './strided-copy.js';

/**
 * out[o, j..., k] = x[o, indices[j], k]. `indices` must already be resolved into [0, dims[axis]);
 * `indexDims` (default [indices.length]) replaces the axis in the output shape.
 */
export function takeIndices(x: Tensor, axis: number, indices: ArrayLike<number>, indexDims: readonly number[] = [indices.length]): Tensor {
  const { outer, size, inner } = axisBlocks(x.dims, axis);
  const dims = [...x.dims.slice(0, axis), ...indexDims, ...x.dims.slice(axis + 1)];
  const block = inner * slotsPerElement(x.type);
  const n = indices.length;
  const out = allocateData(x.type, outer * n * inner);
  for (let o = 0, d = 0; o < outer; o++) {
    const base = o * size;
    for (let j = 0; j < n; j++, d += block) copyRun(x.data, (base + indices[j]) * block, out, d, block);
  }
  return new Tensor(x.type, out, dims);
}
