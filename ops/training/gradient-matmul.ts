// The backward pass of MatMul (numpy matmul semantics): for Y = A B with batch broadcasting,
// dA = dY B^T and dB = A^T dY per batch entry, summed over the batch axes each operand was
// broadcast along; 1-D operands are promoted to a row (A) or a column (B) and back.
import { broadcastIndex, broadcastShapes, sizeOf } from '../helpers/shape.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import { type Dense, reduceTo } from './gradient-values.js';

export function matmulGradients(a: Dense, b: Dense, gy: Dense, need: readonly boolean[]): (Dense | undefined)[] {
  const aDims = a.dims.length === 1 ? [1, a.dims[0]] : a.dims;
  const bDims = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
  const m = aDims[aDims.length - 2];
  const k = aDims[aDims.length - 1];
  const n = bDims[bDims.length - 1];
  const aBatch = aDims.slice(0, -2);
  const bBatch = bDims.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch);
  const batches = sizeOf(batch);
  const aIdx = broadcastIndex(batch, aBatch);
  const bIdx = broadcastIndex(batch, bBatch);
  // gy holds the product's values in [...batch, m, n] order whatever the 1-D promotions
  const g = gy.data;
  let ga: Dense | undefined;
  let gb: Dense | undefined;
  if (need[0]) {
    const full = new Float64Array(batches * m * k);
    for (let t = 0; t < batches; t++) {
      // (m x n) times B^T, B stored k x n: matmulF64's transposed-B form
      matmulF64(g, t * m * n, b.data, bIdx[t] * k * n, full, t * m * k, m, n, k, true);
    }
    ga = { data: reduceTo({ data: full, dims: [...batch, m, k] }, aDims).data, dims: a.dims };
  }
  if (need[1]) {
    const full = new Float64Array(batches * k * n);
    for (let t = 0; t < batches; t++) {
      const aOff = aIdx[t] * m * k;
      const gOff = t * m * n;
      const oOff = t * k * n;
      for (let i = 0; i < m; i++) {
        for (let p = 0; p < k; p++) {
          const av = a.data[aOff + i * k + p];
          const row = oOff + p * n;
          const gRow = gOff + i * n;
          for (let j = 0; j < n; j++) full[row + j] += av * g[gRow + j];
        }
      }
    }
    gb = { data: reduceTo({ data: full, dims: [...batch, k, n] }, bDims).data, dims: b.dims };
  }
  return [ga, gb];
}
