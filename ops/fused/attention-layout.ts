// How FusedAttention's inputs line up: the matrix sizes of one (batch..., head) block and,
// per output block, which matrix of Q, K, V and the mask it reads. Leading axes broadcast as
// in the MatMul → Add → MatMul chain the node replaces. Shared by every provider's kernel.
import { Tensor } from '../../data/tensor.js';
import { type TypedArray, allocateData } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { broadcastIndex, broadcastShapes, sizeOf } from '../helpers/shape.js';

export interface AttentionLayout {
  /** Number of (batch..., head) blocks in the output. */
  blocks: number;
  qLen: number;
  kvLen: number;
  headSize: number;
  vSize: number;
  outDims: number[];
  /** Per output block: the index of the matrix read from each input. */
  qIndex: Int32Array;
  kIndex: Int32Array;
  vIndex: Int32Array;
  mask?: {
    index: Int32Array;
    /** Row and column counts of one mask matrix: 1 (broadcast) or qLen / kvLen. */
    rows: number;
    cols: number;
  };
}

const lead = (dims: readonly number[]) => dims.slice(0, -2);

function requireMatrices(t: Tensor, what: string): void {
  if (t.dims.length < 2) throw new InvalidInputError(`FusedAttention: ${what} must have rank >= 2, got shape [${t.dims}]`, what);
}

/**
 * `kTransposed`: K holds K^T ([..., headSize, kvLen], as MatMul(Q, K^T) reads it) rather
 * than keys as rows ([..., kvLen, headSize]).
 */
export function attentionLayout(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | undefined, kTransposed: boolean): AttentionLayout {
  requireMatrices(q, 'Q');
  requireMatrices(k, 'K');
  requireMatrices(v, 'V');
  const [qLen, headSize] = q.dims.slice(-2);
  const [k0, k1] = k.dims.slice(-2);
  const [kHead, kvLen] = kTransposed ? [k0, k1] : [k1, k0];
  const [vRows, vSize] = v.dims.slice(-2);
  if (kHead !== headSize) throw new InvalidInputError(`FusedAttention: Q [${q.dims}] and K [${k.dims}] disagree on the head size`, 'K');
  if (vRows !== kvLen) throw new InvalidInputError(`FusedAttention: V [${v.dims}] must have ${kvLen} rows, one per key`, 'V');
  const maskDims = mask ? (mask.dims.length >= 2 ? mask.dims : [...new Array<number>(2 - mask.dims.length).fill(1), ...mask.dims]) : undefined;
  const [maskRows, maskCols] = maskDims ? maskDims.slice(-2) : [1, 1];
  // the mask may broadcast onto the scores but never widen them: that would change the output shape
  if ((maskRows !== 1 && maskRows !== qLen) || (maskCols !== 1 && maskCols !== kvLen)) {
    throw new InvalidInputError(`FusedAttention: mask [${mask!.dims}] does not broadcast onto scores of ${qLen} x ${kvLen}`, 'mask');
  }
  let batch: number[];
  try {
    batch = broadcastShapes(lead(q.dims), lead(k.dims), lead(v.dims), ...(maskDims ? [lead(maskDims)] : []));
  } catch {
    throw new InvalidInputError(`FusedAttention: leading axes of Q [${q.dims}], K [${k.dims}], V [${v.dims}]${mask ? ` and mask [${mask.dims}]` : ''} do not broadcast`);
  }
  return {
    blocks: sizeOf(batch), qLen, kvLen, headSize, vSize,
    outDims: [...batch, qLen, vSize],
    qIndex: broadcastIndex(batch, lead(q.dims)),
    kIndex: broadcastIndex(batch, lead(k.dims)),
    vIndex: broadcastIndex(batch, lead(v.dims)),
    mask: maskDims ? { index: broadcastIndex(batch, lead(maskDims)), rows: maskRows, cols: maskCols } : undefined,
  };
}

/**
 * Q with its one query row repeated to the mask's row count where the mask has more rows
 * (scores [..., 1, kv] + mask [..., rows, kv] are rows x kv, as the unfused chain computes
 * them: the optimizer fuses masks whose shape it cannot know), else Q itself.
 */
export function queryRowsForMask(q: Tensor, mask: Tensor | undefined): Tensor {
  if (!mask || mask.dims.length < 2 || q.dims.length < 2) return q;
  const rows = mask.dims[mask.dims.length - 2];
  if (q.dims[q.dims.length - 2] !== 1 || rows <= 1) return q;
  const d = q.dims[q.dims.length - 1], blocks = q.size / Math.max(d, 1);
  const src = q.data as TypedArray, out = allocateData(q.type, blocks * rows * d) as TypedArray;
  for (let b = 0; b < blocks; b++) {
    const row = src.subarray(b * d, (b + 1) * d);
    for (let r = 0; r < rows; r++) (out as Float32Array).set(row as Float32Array, (b * rows + r) * d);
  }
  return new Tensor(q.type, out, [...q.dims.slice(0, -2), rows, d]);
}
