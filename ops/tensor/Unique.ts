import { defineOp } from '../define.js';
import { axisBlocks } from '../helpers/axis-blocks.js';
import { normalizeAxis } from '../helpers/shape.js';
import { takeIndices } from '../helpers/take-indices.js';
import { computeView, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';

type Value = number | bigint | string;

/** Orders slices lexicographically (numbers, bigints and strings compare natively). */
function compareSlices(a: Value[], b: Value[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

const int64 = (values: ArrayLike<number>) => new Tensor('int64', BigInt64Array.from(values as number[], (v) => BigInt(v)), [values.length]);

// Outputs: Y (the unique elements, or slices along `axis`), indices (first occurrence of each
// in the input), inverse_indices (for each input element/slice, its position in Y) and counts.
// sorted = 1 orders Y ascending; sorted = 0 keeps the order of first occurrence.
export const Unique = [
  defineOp('Unique', 11, (ctx) => {
    const axisAttr = ctx.attrs.int('axis');
    const sorted = ctx.attrs.int('sorted', 1) !== 0;
    return (inputs) => {
      const input = tensorInput(inputs, 0, 'X');
      const x = axisAttr === undefined ? input.reshape([input.size]) : input;
      const axis = axisAttr === undefined ? 0 : normalizeAxis(axisAttr, x.dims.length, 'Unique axis');
      const { outer, size, inner } = axisBlocks(x.dims, axis);
      const v = computeView(x) as unknown as ArrayLike<Value>;
      // each slice along the axis, read out and keyed for grouping
      const slices: Value[][] = [];
      const firstOf = new Map<string | Value, number>();
      const groupOf = new Int32Array(size);
      const first: number[] = [];
      const counts: number[] = [];
      for (let j = 0; j < size; j++) {
        const s: Value[] = [];
        for (let o = 0; o < outer; o++) for (let k = 0; k < inner; k++) s.push(v[(o * size + j) * inner + k]);
        // -0 and 0 are one value; NaNs group together (Map keys use SameValueZero)
        const key = s.length === 1 ? s[0] : JSON.stringify(s.map((e) => (typeof e === 'bigint' ? `${e}n` : e === 0 ? 0 : e !== e ? 'NaN' : e)));
        let g = firstOf.get(key);
        if (g === undefined) {
          g = first.length;
          firstOf.set(key, g);
          first.push(j);
          counts.push(0);
          slices.push(s);
        }
        groupOf[j] = g;
        counts[g]++;
      }
      // position of each group in Y
      const order = first.map((_, g) => g);
      if (sorted) order.sort((a, b) => compareSlices(slices[a], slices[b]));
      const rank = new Int32Array(order.length);
      order.forEach((g, r) => (rank[g] = r));
      const y = takeIndices(x, axis, order.map((g) => first[g]));
      return [
        y,
        int64(order.map((g) => first[g])),
        int64(Array.from(groupOf, (g) => rank[g])),
        int64(order.map((g) => counts[g])),
      ];
    };
  }),
];
