// The additive bias of one attention score row: attn_mask (boolean: -inf where false; float:
// added), the offset-aligned causal frontier, the sliding window and the padding of
// nonpad_kv_seqlen, all composed as sums so -inf anywhere disallows a key.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { floatData } from '../helpers/float-data.js';

export interface BiasOptions {
  batch: number;
  heads: number;
  qLen: number;
  total: number;
  mask: Tensor | undefined;
  isCausal: boolean;
  /** -1: unbounded. */
  leftWindow: number;
  rightWindow: number;
  /** The number of valid keys before the query block, per batch entry. */
  offsets: Int32Array;
  /** Valid keys per batch entry (keys past it are padding), or undefined. */
  nonpad: Int32Array | undefined;
}

export type BiasRow = (b: number, h: number, i: number, row: Float64Array) => void;

export function attentionBias(o: BiasOptions): BiasRow {
  let maskValues: ArrayLike<number> | undefined;
  let isBool = false;
  let maskLen = 0;
  let st = [0, 0, 0, 0];
  if (o.mask) {
    const m = o.mask;
    if (m.dims.length > 4 || m.dims.length === 0) {
      throw new InvalidInputError(`attn_mask must have rank 1 to 4, got shape [${m.dims}]`);
    }
    const full = [o.batch, o.heads, o.qLen, o.total];
    const dims = [...Array(4 - m.dims.length).fill(1), ...m.dims];
    maskLen = dims[3];
    if (maskLen > o.total) {
      throw new InvalidInputError(`attn_mask's last dimension ${maskLen} exceeds the total sequence length ${o.total}`);
    }
    for (let a = 0; a < 3; a++) {
      if (dims[a] !== 1 && dims[a] !== full[a]) {
        throw new InvalidInputError(`attn_mask of shape [${m.dims}] does not broadcast to [${full}]`);
      }
    }
    let acc = 1;
    st = [0, 0, 0, 0];
    for (let a = 3; a >= 0; a--) {
      st[a] = dims[a] === 1 && a < 3 ? 0 : acc;
      acc *= dims[a];
    }
    isBool = m.type === 'bool';
    maskValues = isBool ? (m.data as Uint8Array) : floatData(m, 'attn_mask');
  }
  const { isCausal, leftWindow, rightWindow, offsets, nonpad, total } = o;
  return (b, h, i, row) => {
    row.fill(0, 0, total);
    if (maskValues) {
      const base = b * st[0] + h * st[1] + i * st[2];
      for (let j = 0; j < maskLen; j++) {
        const v = maskValues[base + j * st[3]];
        row[j] = isBool ? (v ? 0 : -Infinity) : v;
      }
      // a shorter mask is padded with disallowed keys
      for (let j = maskLen; j < total; j++) row[j] = -Infinity;
    }
    const p = i + offsets[b];
    if (isCausal) for (let j = Math.max(0, p + 1); j < total; j++) row[j] = -Infinity;
    if (leftWindow >= 0) for (let j = 0; j < Math.min(total, p - leftWindow); j++) row[j] = -Infinity;
    if (rightWindow >= 0) for (let j = Math.max(0, p + rightWindow + 1); j < total; j++) row[j] = -Infinity;
    if (nonpad) for (let j = Math.max(0, nonpad[b]); j < total; j++) row[j] = -Infinity;
  };
}
