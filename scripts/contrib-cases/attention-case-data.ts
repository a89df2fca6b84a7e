// What the attention cases share: a generator seeded by the case name (so regenerating feeds
// the same values, and adding a case changes no other case's data) and short constructors.
import type { DataType } from '../../data/dtype.js';
import { encodeFloatArray } from '../../data/float-codecs.js';
import { Tensor } from '../../data/tensor.js';
import { SeededRandom } from './seeded-random.js';
import type { NodeInput } from './single-node.js';

export type Float = 'float32' | 'float16';

/** A generator seeded from the case name (FNV-1a). */
export function caseRandom(name: string): SeededRandom {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return new SeededRandom(h >>> 0);
}
export const int32 = (values: number[], dims: number[] = [values.length]) => new Tensor('int32', Int32Array.from(values), dims);
export const int64 = (values: number[], dims: number[] = [values.length]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
export const input = (name: string, value: Tensor, constant = false): NodeInput => ({ name, value, constant });
export const out = (name: string, type: DataType) => ({ name, type });

/** Computed values (rotary caches, say) as a tensor of the case's float type. */
export function floatTensorOf(type: Float, values: Float32Array, dims: number[]): Tensor {
  return type === 'float16' ? new Tensor('float16', encodeFloatArray('float16', values) as Uint16Array, dims) : new Tensor('float32', values, dims);
}
