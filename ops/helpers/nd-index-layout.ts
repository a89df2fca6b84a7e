// GatherND/ScatterND addressing: the last axis of `indices` holds tuples that index the
// leading axes of `data` (after `batch_dims` shared batch axes); each tuple names a slice.
import { InvalidInputError } from '../../data/errors.js';
import { resolveIndex } from './index-bounds.js';
import { sizeOf, stridesOf } from './shape.js';

/** Checks the shapes; returns the layout the GatherND and ScatterND loops walk. */
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

export type NdIndexLayout = ReturnType<typeof ndIndexLayout>;

/** The element offset, within its batch, of the slice that index tuple `t` names. */
export function tupleOffset(op: string, idx: ArrayLike<number>, t: number, L: NdIndexLayout): number {
  let off = 0;
  for (let k = 0; k < L.depth; k++) {
    off += resolveIndex(op, idx[t * L.depth + k], L.sizes[k], `in position ${k} of an index tuple`) * L.strides[k];
  }
  return off;
}
