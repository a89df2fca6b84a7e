// FusedAttention(Q, K, V, mask?) = Softmax(scale * Q K^T + mask) V, the scaled dot-product
// attention the optimizer recognizes (graph/passes/fuse-attention.ts). The unfused graph
// holds every head's full score matrix at once, twice over (scores and probabilities); this
// kernel walks the (batch..., head) blocks a band of query rows at a time, so the only score
// storage is one band, reused.
import { outputArray } from '../helpers/output-data.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { isFloatType } from '../../data/dtype.js';
import { allocCompute, computeView, fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { gemmForType } from '../nn/conv-gemm-dispatch.js';
import { softmaxAlong } from '../nn/softmax-rows.js';
import type { OpDefinition, RuntimeContext } from '../types.js';
import { attentionLayout, queryRowsForMask } from './attention-layout.js';
import { FUSED_DOMAIN } from '../../data/domains.js';


/** Score elements per band (256 KiB of float32): large enough for GEMM-sized bands, small enough for L2. */
const BAND_ELEMENTS = 1 << 16;

export interface AttentionOptions {
  scale: number;
  kTransposed: boolean;
}

/** Query rows per band for `kvLen` keys: as many as fit BAND_ELEMENTS, at least one. */
export function bandRows(qLen: number, kvLen: number): number {
  return Math.max(1, Math.min(qLen, Math.floor(BAND_ELEMENTS / Math.max(kvLen, 1))));
}

export function runFusedAttention(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | undefined, options: AttentionOptions, rt?: RuntimeContext): Tensor {
  for (const [t, what] of [[k, 'K'], [v, 'V'], [mask, 'mask']] as const) {
    if (t && t.type !== q.type) throw new InvalidInputError(`FusedAttention: ${what} must be ${q.type} like Q, got ${t.type}`, what);
  }
  if (!isFloatType(q.type)) throw new InvalidInputError(`FusedAttention: Q must be a floating-point tensor, got ${q.type}`, 'Q');
  q = queryRowsForMask(q, mask);
  const L = attentionLayout(q, k, v, mask, options.kTransposed);
  const { qLen, kvLen, headSize: d, vSize } = L;
  const gemm = gemmForType('FusedAttention', q.type);
  const qData = computeView(q), kData = computeView(k), vData = computeView(v);
  const maskData = mask && (computeView(mask) as ArrayLike<number>);
  const y = outputArray(rt, 0, q.type, L.blocks * qLen * vSize);
  const band = bandRows(qLen, kvLen);
  const scores = allocCompute(q.type, band * kvLen) as Float32Array | Float64Array;
  for (let t = 0; t < L.blocks; t++) {
    for (let r0 = 0; r0 < qLen; r0 += band) {
      const rows = Math.min(band, qLen - r0);
      gemm({
        m: rows, n: kvLen, k: d, alpha: options.scale,
        a: qData, aOffset: (L.qIndex[t] * qLen + r0) * d,
        b: kData, bOffset: L.kIndex[t] * d * kvLen, transB: !options.kTransposed,
        c: scores,
      });
      if (maskData) addMaskRows(scores, maskData, L.mask!, t, r0, rows, kvLen);
      const s = scores.subarray(0, rows * kvLen);
      softmaxAlong(s, s, rows, kvLen, 1, 'softmax');
      gemm({ m: rows, n: vSize, k: kvLen, a: scores, b: vData, bOffset: L.vIndex[t] * kvLen * vSize, c: y, cOffset: (t * qLen + r0) * vSize });
    }
  }
  return fromCompute(q.type, y, L.outDims);
}

function addMaskRows(
  scores: Float32Array | Float64Array, mask: ArrayLike<number>, m: { index: Int32Array; rows: number; cols: number },
  block: number, r0: number, rows: number, kvLen: number,
): void {
  const base = m.index[block] * m.rows * m.cols;
  for (let i = 0; i < rows; i++) {
    const src = base + (m.rows === 1 ? 0 : (r0 + i) * m.cols), dst = i * kvLen;
    if (m.cols === 1) {
      const b = mask[src];
      for (let j = 0; j < kvLen; j++) scores[dst + j] += b;
    } else {
      for (let j = 0; j < kvLen; j++) scores[dst + j] += mask[src + j];
    }
  }
}

/** Attributes: scale (float, default 1) multiplies the scores; k_transposed (int, default 0) says K holds K^T. */
export const FusedAttention: OpDefinition = defineOp('FusedAttention', 1, (ctx) => {
  const options = { scale: ctx.attrs.float('scale', 1), kTransposed: ctx.attrs.int('k_transposed', 0) !== 0 };
  return (inputs, rt) => [runFusedAttention(tensorInput(inputs, 0, 'Q'), tensorInput(inputs, 1, 'K'), tensorInput(inputs, 2, 'V'), optionalTensorInput(inputs, 3), options, rt)];
}, FUSED_DOMAIN);
