import { defineOp } from '../define.js';
import { axisBlocks } from '../helpers/axis-blocks.js';
import { normalizeAxis } from '../helpers/shape.js';
import { allocCompute, computeView, fromCompute, readInts, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';

/**
 * The k largest (or smallest) elements along `axis` and their indices, best first. Equal values
 * keep their input order (lower index first); NaN ranks above every number.
 */
export function topK(x: Tensor, k: number, axisAttr: number, largest: boolean): [Tensor, Tensor] {
  const axis = normalizeAxis(axisAttr, x.dims.length, 'TopK axis');
  const { outer, size, inner } = axisBlocks(x.dims, axis);
  if (!Number.isInteger(k) || k < 0 || k > size) {
    throw new InvalidInputError(`TopK: k = ${k} is out of range [0, ${size}] for axis ${axis} of shape [${x.dims}]`);
  }
  const v = computeView(x) as unknown as ArrayLike<number>;
  const values = allocCompute(x.type, outer * k * inner) as unknown as { [i: number]: number };
  const indices = new BigInt64Array(outer * k * inner);
  const lane = new Array<number>(size);
  const order = new Int32Array(size);
  const dir = largest ? -1 : 1;
  // ascending order of (value, index) for smallest; descending value, ascending index for largest
  const compare = (a: number, b: number): number => {
    const va = lane[a], vb = lane[b];
    if (va !== vb) {
      if (va !== va) return largest ? -1 : 1;
      if (vb !== vb) return largest ? 1 : -1;
      return va < vb ? -dir : dir;
    }
    return a - b;
  };
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < inner; c++) {
      const base = o * size * inner + c;
      for (let j = 0; j < size; j++) {
        lane[j] = v[base + j * inner];
        order[j] = j;
      }
      order.sort(compare);
      const outBase = o * k * inner + c;
      for (let j = 0; j < k; j++) {
        values[outBase + j * inner] = lane[order[j]];
        indices[outBase + j * inner] = BigInt(order[j]);
      }
    }
  }
  const dims = x.dims.map((d, i) => (i === axis ? k : d));
  return [fromCompute(x.type, values as never, dims), new Tensor('int64', indices, dims)];
}

function kFromInput(inputs: KernelInput[]): number {
  const kT = tensorInput(inputs, 1, 'K');
  if (kT.size !== 1) throw new InvalidInputError(`TopK: K must hold exactly one value, got shape [${kT.dims}]`);
  return readInts(kT)[0];
}

export const TopK = [
  // TopK-1 took k as an attribute
  defineOp('TopK', 1, (ctx) => {
    const k = ctx.attrs.required('k', ctx.attrs.int('k'));
    const axis = ctx.attrs.int('axis', -1);
    return (inputs) => topK(tensorInput(inputs, 0, 'X'), k, axis, true);
  }),
  defineOp('TopK', 10, (ctx) => {
    const axis = ctx.attrs.int('axis', -1);
    return (inputs) => topK(tensorInput(inputs, 0, 'X'), kFromInput(inputs), axis, true);
  }),
  // from 11: `largest` picks the direction; `sorted` = 0 allows any order, and sorted is one
  ...[11, 24].map((since) =>
    defineOp('TopK', since, (ctx) => {
      const axis = ctx.attrs.int('axis', -1);
      const largest = ctx.attrs.int('largest', 1) !== 0;
      ctx.attrs.int('sorted', 1);
      return (inputs) => topK(tensorInput(inputs, 0, 'X'), kFromInput(inputs), axis, largest);
    }),
  ),
];
