// Joins tensors along an existing axis (Concat-like) or a new one (stacking): used by
// ConcatFromSequence and by the scan outputs of Loop and Scan.
import type { RuntimeContext } from '../types.js';
import { outputData } from './output-data.js';
import { slotsPerElement, type DataType, type TypedArray } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { sizeOf } from './shape.js';
import { checkedOutputShape } from './output-shape.js';

/**
 * Concatenates `parts` along `axis` (already normalized). All parts must share the element
 * type and every dimension but `axis`.
 */
export function concatAlongAxis(parts: readonly Tensor[], axis: number, rt?: RuntimeContext): Tensor {
  if (parts.length === 0) throw new InvalidInputError('cannot concatenate an empty list of tensors');
  const first = parts[0];
  const rank = first.dims.length;
  let total = 0;
  for (const p of parts) {
    if (p.type !== first.type) throw new InvalidInputError(`cannot concatenate ${p.type} with ${first.type} tensors`);
    if (p.dims.length !== rank || p.dims.some((d, i) => i !== axis && d !== first.dims[i])) {
      throw new InvalidInputError(`cannot concatenate shapes [${first.dims}] and [${p.dims}] along axis ${axis}`);
    }
    total += p.dims[axis];
  }
  const dims = [...first.dims];
  dims[axis] = total;
  const count = checkedOutputShape(dims, first.type, 'concatenation');
  const slots = slotsPerElement(first.type);
  const outer = sizeOf(first.dims.slice(0, axis));
  const inner = sizeOf(first.dims.slice(axis + 1)) * slots;
  const out = outputData(rt, first.type, count);
  const outBlock = total * inner;
  let offset = 0;
  for (const p of parts) {
    const block = p.dims[axis] * inner;
    copyBlocks(first.type, p.data, out, outer, block, outBlock, offset);
    offset += block;
  }
  return new Tensor(first.type, out, dims);
}

/** Stacks same-shaped tensors along a new axis `axis` (in [0, rank]). */
export function stackAlongAxis(parts: readonly Tensor[], axis: number): Tensor {
  return concatAlongAxis(parts.map((p) => p.reshape([...p.dims.slice(0, axis), 1, ...p.dims.slice(axis)])), axis);
}

/** Copies `outer` blocks of `block` slots from `src` into `dst`, dst blocks `dstStride` apart. */
function copyBlocks(
  type: DataType, src: TypedArray | string[], dst: TypedArray | string[],
  outer: number, block: number, dstStride: number, dstOffset: number,
): void {
  if (type === 'string') {
    const s = src as string[], d = dst as string[];
    for (let o = 0; o < outer; o++) {
      const si = o * block, di = o * dstStride + dstOffset;
      for (let j = 0; j < block; j++) d[di + j] = s[si + j];
    }
    return;
  }
  const s = src as TypedArray, d = dst as TypedArray;
  for (let o = 0; o < outer; o++) {
    // same storage constructor on both sides, so set() copies without conversion
    (d as Float32Array).set((s as Float32Array).subarray(o * block, (o + 1) * block), o * dstStride + dstOffset);
  }
}
