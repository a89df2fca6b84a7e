import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';

/** Determinant of the n x n matrix at a[off..], by LU decomposition with partial pivoting. */
function determinant(a: ArrayLike<number>, off: number, n: number, work: Float64Array): number {
  for (let i = 0; i < n * n; i++) work[i] = a[off + i];
  let det = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(work[r * n + col]) > Math.abs(work[pivot * n + col])) pivot = r;
    }
    const pv = work[pivot * n + col];
    if (pv === 0) return 0;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = work[col * n + k];
        work[col * n + k] = work[pivot * n + k];
        work[pivot * n + k] = t;
      }
      det = -det;
    }
    det *= pv;
    for (let r = col + 1; r < n; r++) {
      const f = work[r * n + col] / pv;
      if (f === 0) continue;
      for (let k = col; k < n; k++) work[r * n + k] -= f * work[col * n + k];
    }
  }
  return det;
}

// Determinants of the square matrices in the last two axes, for inputs of shape [*, M, M].
export const Det = defineOpVersions('Det', [11, 22], () => (inputs) => {
  const x = tensorInput(inputs, 0, 'X');
  const rank = x.dims.length;
  if (rank < 2 || x.dims[rank - 1] !== x.dims[rank - 2]) {
    throw new InvalidInputError(`Det: X must have shape [*, M, M], got [${x.dims}]`);
  }
  const n = x.dims[rank - 1];
  const batchDims = x.dims.slice(0, rank - 2);
  const count = batchDims.reduce((p, d) => p * d, 1);
  const xv = floatData(x, 'X');
  const y = allocFloat(x.type, count);
  const work = new Float64Array(n * n);
  for (let b = 0; b < count; b++) y[b] = determinant(xv, b * n * n, n, work);
  return [fromCompute(x.type, y, batchDims)];
});
