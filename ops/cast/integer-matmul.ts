// Batched matrix product with numpy semantics (1-D operands promoted, batch dims broadcast),
// over float64 values that hold zero-point-adjusted quantized integers, so sums stay exact.
import { InvalidInputError } from '../../data/errors.js';
import { broadcastIndex, broadcastShapes, sizeOf } from '../helpers/shape.js';

export interface MatMulGeometry {
  /** Result shape in numpy terms (promoted 1-D axes removed). */
  outDims: number[];
  /** Result shape with M and N kept: [...batch, M, N]. */
  matrixDims: number[];
  M: number;
  K: number;
  N: number;
  /** Start of each batch's A and B matrix. */
  aStarts: Int32Array;
  bStarts: Int32Array;
}

export function matmulGeometry(aDims: readonly number[], bDims: readonly number[]): MatMulGeometry {
  if (aDims.length === 0 || bDims.length === 0) throw new InvalidInputError('MatMul operands must have rank >= 1');
  const a = aDims.length === 1 ? [1, aDims[0]] : [...aDims];
  const b = bDims.length === 1 ? [bDims[0], 1] : [...bDims];
  const M = a[a.length - 2], K = a[a.length - 1], N = b[b.length - 1];
  if (b[b.length - 2] !== K) throw new InvalidInputError(`MatMul: inner dimensions differ, A is [${aDims}] and B is [${bDims}]`);
  const aBatch = a.slice(0, -2), bBatch = b.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch);
  const ia = broadcastIndex(batch, aBatch), ib = broadcastIndex(batch, bBatch);
  const aStarts = new Int32Array(ia.length), bStarts = new Int32Array(ib.length);
  for (let i = 0; i < ia.length; i++) {
    aStarts[i] = ia[i] * M * K;
    bStarts[i] = ib[i] * K * N;
  }
  const outDims = [...batch];
  if (aDims.length > 1) outDims.push(M);
  if (bDims.length > 1) outDims.push(N);
  return { outDims, matrixDims: [...batch, M, N], M, K, N, aStarts, bStarts };
}

export function matmulValues(a: ArrayLike<number>, b: ArrayLike<number>, g: MatMulGeometry): Float64Array {
  const { M, K, N, aStarts, bStarts } = g;
  const out = new Float64Array(sizeOf(g.matrixDims));
  for (let t = 0; t < aStarts.length; t++) {
    const aS = aStarts[t], bS = bStarts[t], oS = t * M * N;
    for (let m = 0; m < M; m++) {
      const row = oS + m * N;
      for (let k = 0; k < K; k++) {
        const av = a[aS + m * K + k];
        if (av === 0) continue;
        const bRow = bS + k * N;
        for (let n = 0; n < N; n++) out[row + n] += av * b[bRow + n];
      }
    }
  }
  return out;
}
