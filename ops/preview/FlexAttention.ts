import { type DataType, dataTypeFromCode } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import { tensorInput } from '../helpers/values.js';
import { roundToType } from '../nn/round-to-type.js';
import { softmaxAlong } from '../nn/softmax-rows.js';
import { modifierGraph } from './modifier-graph.js';

const SOFTMAX_TYPES: ReadonlySet<DataType> = new Set(['float32', 'float16', 'bfloat16', 'float64']);

function rank4(t: Tensor, what: string): readonly number[] {
  if (t.dims.length !== 4) throw new InvalidInputError(`${what} must be 4-D, got shape [${t.dims}]`);
  return t.dims;
}

/**
 * ai.onnx.preview FlexAttention-1: scaled dot-product attention over [batch, heads, seq, head]
 * inputs with optional whole-tensor modifier graphs:
 *   scores = (Q K^T) * scale -> score_mod -> Softmax(axis -1) -> prob_mod -> * V
 * The scores, the modifiers, the softmax and the product with V run in softmax_precision
 * (default float32, float64 for float64 inputs), as the op's function body casts them. When
 * q_num_heads > kv_num_heads, query head h uses K/V head floor(h / (q_heads / kv_heads)).
 * As in the function body's Softmax, a row whose scores are all -inf yields NaN.
 */
export const FlexAttention = [
  defineOp('FlexAttention', 1, (ctx) => {
    const { attrs } = ctx;
    const scaleAttr = attrs.float('scale');
    const precision = attrs.int('softmax_precision');
    const precisionType = precision === undefined ? undefined : dataTypeFromCode(precision);
    if (precision !== undefined && (!precisionType || !SOFTMAX_TYPES.has(precisionType))) {
      throw attrs.error(`softmax_precision must be 1 (float), 10 (float16), 11 (double) or 16 (bfloat16), got ${precision}`, 'softmax_precision');
    }
    const scoreMod = modifierGraph(ctx, 'score_mod');
    const probMod = modifierGraph(ctx, 'prob_mod');

    return async (inputs, rt) => {
      const qT = tensorInput(inputs, 0, 'Q');
      const kT = tensorInput(inputs, 1, 'K');
      const vT = tensorInput(inputs, 2, 'V');
      const [batch, qHeads, qLen, headSize] = rank4(qT, 'Q');
      const [kBatch, kvHeads, kvLen, kHead] = rank4(kT, 'K');
      const [vBatch, vHeads, vLen, vHead] = rank4(vT, 'V');
      if (kT.type !== qT.type || vT.type !== qT.type) {
        throw new InvalidInputError(`Q, K and V must have the same element type, got ${qT.type}, ${kT.type} and ${vT.type}`);
      }
      if (kBatch !== batch || vBatch !== batch) {
        throw new InvalidInputError(`Q, K and V must have the same batch size, got [${qT.dims}], [${kT.dims}] and [${vT.dims}]`);
      }
      if (vHeads !== kvHeads || vLen !== kvLen) {
        throw new InvalidInputError(`K [${kT.dims}] and V [${vT.dims}] must have the same head count and sequence length`);
      }
      if (kHead !== headSize) throw new InvalidInputError(`Q and K head sizes differ (${headSize} vs ${kHead})`);
      if (kvHeads === 0 || qHeads % kvHeads !== 0) {
        throw new InvalidInputError(`q_num_heads ${qHeads} must be a multiple of kv_num_heads ${kvHeads}`);
      }
      const q = floatData(qT, 'Q');
      const k = floatData(kT, 'K');
      const v = floatData(vT, 'V');
      const sp = precisionType ?? (qT.type === 'float64' ? 'float64' : 'float32');
      const scale = scaleAttr ?? 1 / Math.sqrt(headSize);
      const group = qHeads / kvHeads;
      const scoreDims = [batch, qHeads, qLen, kvLen];
      const headScores = qLen * kvLen;

      let scores: Float64Array = new Float64Array(batch * qHeads * headScores);
      for (let b = 0; b < batch; b++) {
        for (let h = 0; h < qHeads; h++) {
          const kvh = b * kvHeads + Math.floor(h / group);
          matmulF64(q, (b * qHeads + h) * qLen * headSize, k, kvh * kvLen * headSize, scores, (b * qHeads + h) * headScores, qLen, headSize, kvLen, true);
        }
      }
      for (let i = 0; i < scores.length; i++) scores[i] *= scale;
      roundToType(scores, 0, scores.length, sp);
      if (scoreMod) {
        scores = await scoreMod.apply(scores, sp, scoreDims, rt);
        roundToType(scores, 0, scores.length, sp);
      }
      let probs: Float64Array = new Float64Array(scores.length);
      softmaxAlong(scores, probs, batch * qHeads * qLen, kvLen, 1, 'softmax');
      roundToType(probs, 0, probs.length, sp);
      if (probMod) {
        probs = await probMod.apply(probs, sp, scoreDims, rt);
        roundToType(probs, 0, probs.length, sp);
      }

      // V meets the probabilities in softmax precision
      let values: ArrayLike<number> = v;
      if (sp !== vT.type) {
        const rounded = Float64Array.from(v);
        roundToType(rounded, 0, rounded.length, sp);
        values = rounded;
      }
      const y = new Float64Array(batch * qHeads * qLen * vHead);
      for (let b = 0; b < batch; b++) {
        for (let h = 0; h < qHeads; h++) {
          const kvh = b * kvHeads + Math.floor(h / group);
          matmulF64(probs, (b * qHeads + h) * headScores, values, kvh * kvLen * vHead, y, (b * qHeads + h) * qLen * vHead, qLen, kvLen, vHead);
        }
      }
      roundToType(y, 0, y.length, sp);
      return [floatTensor(qT.type, y, [batch, qHeads, qLen, vHead])];
    };
  }, 'ai.onnx.preview'),
];
