// Deterministic test data for the contrib cases: the fuzzer's seeded generator (mulberry32), so
// a regenerated suite has the same inputs as the committed one on every machine.
import { encodeFloatArray } from '../../data/float-codecs.js';
import { Tensor } from '../../data/tensor.js';
import { Prng } from '../../fuzz/prng.js';

export class SeededRandom {
  private readonly prng: Prng;

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng.next();
  }

  /** Uniform in [lo, hi). */
  uniform(lo = -1, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [lo, hi] (both ends included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A float32 tensor of uniform values in [lo, hi). */
  float32(dims: readonly number[], lo = -1, hi = 1): Tensor {
    const n = dims.reduce((p, d) => p * d, 1);
    return new Tensor('float32', Float32Array.from({ length: n }, () => this.uniform(lo, hi)), dims);
  }

  /** A float16 tensor of uniform values in [lo, hi), rounded to float16. */
  float16(dims: readonly number[], lo = -1, hi = 1): Tensor {
    const values = this.float32(dims, lo, hi).data as Float32Array;
    return new Tensor('float16', encodeFloatArray('float16', values) as Uint16Array, dims);
  }

  /** A tensor of the given float type (float32 or float16). */
  floats(type: 'float32' | 'float16', dims: readonly number[], lo = -1, hi = 1): Tensor {
    return type === 'float16' ? this.float16(dims, lo, hi) : this.float32(dims, lo, hi);
  }

  /** An int32 tensor of integers in [lo, hi]. */
  int32(dims: readonly number[], lo: number, hi: number): Tensor {
    const n = dims.reduce((p, d) => p * d, 1);
    return new Tensor('int32', Int32Array.from({ length: n }, () => this.int(lo, hi)), dims);
  }

  /** An int64 tensor of integers in [lo, hi]. */
  int64(dims: readonly number[], lo: number, hi: number): Tensor {
    const n = dims.reduce((p, d) => p * d, 1);
    return new Tensor('int64', BigInt64Array.from({ length: n }, () => BigInt(this.int(lo, hi))), dims);
  }

  /** A uint8 / int8 tensor of integers in [lo, hi]. */
  bytes(type: 'uint8' | 'int8', dims: readonly number[], lo: number, hi: number): Tensor {
    const n = dims.reduce((p, d) => p * d, 1);
    const values = Array.from({ length: n }, () => this.int(lo, hi));
    return new Tensor(type, type === 'uint8' ? Uint8Array.from(values) : Int8Array.from(values), dims);
  }
}

/**
 * A generator seeded by a case's name (FNV-1a hash), so each case's data depends on nothing
 * but its name: adding or reordering cases leaves the other cases' files unchanged.
 */
export function randomFor(name: string): SeededRandom {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return new SeededRandom(h >>> 0);
}
