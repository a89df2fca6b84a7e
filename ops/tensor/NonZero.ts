import { defineOpVersions } from '../define.js';
import { stridesOf } from '../helpers/shape.js';
import { computeView, tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import { allocateData } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';

// Output [rank, count]: column j holds the coordinates of the j-th non-zero element in
// row-major order. A scalar reads as a 1-D tensor of one element.
export const NonZero = defineOpVersions('NonZero', [9, 13], () => (inputs) => {
  const x = tensorInput(inputs, 0, 'X');
  const v = computeView(x) as unknown as ArrayLike<unknown>;
  const dims = x.dims.length === 0 ? [1] : x.dims;
  const hits: number[] = [];
  for (let i = 0; i < x.size; i++) {
    const e = v[i];
    // NaN is non-zero; -0 is zero
    if (e !== 0 && e !== 0n && e !== '') hits.push(i);
  }
  const rank = dims.length;
  const strides = stridesOf(dims);
  const n = hits.length;
  // eight bytes per coordinate: a large input with many non-zeros grows rank * 8-fold
  const out = allocateData('int64', checkedOutputShape([rank, n], 'int64', 'NonZero')) as BigInt64Array;
  for (let j = 0; j < n; j++) {
    let rest = hits[j];
    for (let a = 0; a < rank; a++) {
      out[a * n + j] = BigInt(Math.floor(rest / strides[a]));
      rest %= strides[a];
    }
  }
  return [new Tensor('int64', out, [rank, n])];
});
