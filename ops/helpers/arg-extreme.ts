// ArgMax/ArgMin along one axis. NaN counts as the most extreme value, so the first NaN wins
// (as numpy's argmax/argmin); ties go to the first or, with selectLast, the last occurrence.
import { Tensor } from '../../data/tensor.js';
import { axisBlocks } from './axis-blocks.js';
import { computeView } from './values.js';

export function argExtreme(x: Tensor, axis: number, keepDims: boolean, selectLast: boolean, kind: 'max' | 'min'): Tensor {
  const v = computeView(x) as unknown as ArrayLike<number>;
  const { outer, size, inner } = axisBlocks(x.dims, axis);
  const out = new BigInt64Array(outer * inner);
  const sign = kind === 'max' ? 1 : -1;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      let best = 0;
      let bv = v[base];
      for (let j = 1; j < size; j++) {
        const c = v[base + j * inner];
        let better: boolean;
        if (bv !== bv) better = selectLast && c !== c; // current best is NaN: only a later NaN can replace it
        else if (c !== c) better = true;
        else better = selectLast ? (sign > 0 ? c >= bv : c <= bv) : sign > 0 ? c > bv : c < bv;
        if (better) {
          best = j;
          bv = c;
        }
      }
      out[o * inner + k] = BigInt(best);
    }
  }
  const dims = keepDims ? x.dims.map((d, i) => (i === axis ? 1 : d)) : x.dims.filter((_, i) => i !== axis);
  return new Tensor('int64', out, dims);
}
