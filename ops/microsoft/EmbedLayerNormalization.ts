// com.microsoft EmbedLayerNormalization: BERT's embedding block fused by onnxruntime. Each token
// sums its word, position and segment embeddings, and the sum is layer-normalized.
//   inputs: input_ids [B,S] int32, segment_ids [B,S] (optional), word_embedding [V,H],
//     position_embedding [P,H], segment_embedding [G,H] (optional, with segment_ids), gamma [H],
//     beta [H] (optional), mask [B,S] (optional), position_ids [B,S] or [1,S] (optional:
//     positions 0..S-1 otherwise)
//   outputs: output [B,S,H]; mask_index [B] int32, the count of mask values equal to 1 per
//     batch row (0 without a mask); embedding_sum [B,S,H] (optional), the sum before the norm.
import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { fromCompute, numbersOf, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { checkRank, checkSameFloatType, checkVector, shapeText } from './contrib-checks.js';
import { normalizeRows } from './row-normalization.js';

const OP = 'EmbedLayerNormalization';

function idsInput(t: Tensor, what: string, dims: readonly number[]): ArrayLike<number> {
  if (t.type !== 'int32') throw new InvalidInputError(`${OP}: ${what} must be int32, got ${t.type}`, what, 'int32', t.type);
  if (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i])) {
    throw new InvalidInputError(`${OP}: ${what} must have shape ${shapeText(dims)} like input_ids, got ${shapeText(t.dims)}`, what, shapeText(dims), shapeText(t.dims));
  }
  return numbersOf(t);
}

function embeddingTable(t: Tensor, what: string, hidden: number | undefined): number {
  checkRank(OP, what, t, [2]);
  if (hidden !== undefined && t.dims[1] !== hidden) {
    throw new InvalidInputError(`${OP}: ${what} must have ${hidden} columns like word_embedding, got ${shapeText(t.dims)}`, what, `[*,${hidden}]`, shapeText(t.dims));
  }
  return t.dims[0];
}

function outOfRange(what: string, value: number, rows: number): InvalidInputError {
  return new InvalidInputError(`${OP}: ${what} value ${value} is out of range [0, ${rows})`, what, `[0, ${rows})`, String(value));
}

export const EmbedLayerNormalization = defineOp(OP, 1, (ctx) => {
  const epsilon = ctx.attrs.float('epsilon', 1e-12);
  if (!(epsilon >= 0)) throw ctx.attrs.error(`epsilon must be >= 0, got ${epsilon}`, 'epsilon');
  // mask_index_type only changes the mask_index layout on GPU kernels; the CPU form is the count
  ctx.attrs.int('mask_index_type', 1);
  const wantSum = outputRequested(ctx.node, 2);
  return (inputs) => {
    const idsT = tensorInput(inputs, 0, 'input_ids');
    checkRank(OP, 'input_ids', idsT, [2]);
    const [batch, seq] = idsT.dims;
    const ids = idsInput(idsT, 'input_ids', idsT.dims);
    const segIdsT = optionalTensorInput(inputs, 1);
    const wordT = tensorInput(inputs, 2, 'word_embedding');
    const posT = tensorInput(inputs, 3, 'position_embedding');
    const segT = optionalTensorInput(inputs, 4);
    const gammaT = tensorInput(inputs, 5, 'gamma');
    const betaT = optionalTensorInput(inputs, 6);
    const maskT = optionalTensorInput(inputs, 7);
    const posIdsT = optionalTensorInput(inputs, 8);
    const words = embeddingTable(wordT, 'word_embedding', undefined);
    const hidden = wordT.dims[1];
    const positions = embeddingTable(posT, 'position_embedding', hidden);
    if (!!segIdsT !== !!segT) {
      throw new InvalidInputError(`${OP}: segment_ids and segment_embedding come together; got only ${segIdsT ? 'segment_ids' : 'segment_embedding'}`, segIdsT ? 'segment_embedding' : 'segment_ids');
    }
    const segments = segT ? embeddingTable(segT, 'segment_embedding', hidden) : 0;
    for (const [what, t] of [['position_embedding', posT], ['segment_embedding', segT], ['gamma', gammaT], ['beta', betaT]] as const) {
      if (t) checkSameFloatType(OP, what, t, wordT);
    }
    checkVector(OP, 'gamma', gammaT, hidden);
    if (betaT) checkVector(OP, 'beta', betaT, hidden);
    const segIds = segIdsT ? idsInput(segIdsT, 'segment_ids', idsT.dims) : undefined;
    let posIds: ArrayLike<number> | undefined;
    let posPerBatch = false;
    if (posIdsT) {
      posPerBatch = posIdsT.dims[0] === batch && batch !== 1;
      posIds = idsInput(posIdsT, 'position_ids', [posPerBatch ? batch : 1, seq]);
    }
    const mask = maskT ? idsInput(maskT, 'mask', idsT.dims) : undefined;

    const word = floatData(wordT, 'word_embedding'), pos = floatData(posT, 'position_embedding');
    const seg = segT ? floatData(segT, 'segment_embedding') : undefined;
    const sum = allocFloat(wordT.type, batch * seq * hidden);
    for (let t = 0; t < batch * seq; t++) {
      const w = ids[t];
      if (!(w >= 0 && w < words)) throw outOfRange('input_ids', w, words);
      const s = t % seq;
      const p = posIds ? posIds[posPerBatch ? t : s] : s;
      if (!(p >= 0 && p < positions)) throw outOfRange(posIds ? 'position_ids' : 'position (sequence index)', p, positions);
      const g = segIds ? segIds[t] : 0;
      if (seg && !(g >= 0 && g < segments)) throw outOfRange('segment_ids', g, segments);
      const o = t * hidden, wo = w * hidden, po = p * hidden, go = g * hidden;
      for (let i = 0; i < hidden; i++) sum[o + i] = word[wo + i] + pos[po + i] + (seg ? seg[go + i] : 0);
    }
    const y = allocFloat(wordT.type, sum.length);
    normalizeRows(sum, y, batch * seq, hidden, {
      epsilon, simplified: false, gamma: floatData(gammaT, 'gamma'), beta: betaT ? floatData(betaT, 'beta') : undefined,
    });
    const maskIndex = new Int32Array(batch);
    if (mask) {
      for (let b = 0; b < batch; b++) {
        let n = 0;
        for (let s = 0; s < seq; s++) if (mask[b * seq + s] === 1) n++;
        maskIndex[b] = n;
      }
    }
    const dims = [batch, seq, hidden];
    return [
      fromCompute(wordT.type, y, dims),
      new Tensor('int32', maskIndex, [batch]),
      wantSum ? fromCompute(wordT.type, sum, dims) : null,
    ];
  };
}, MICROSOFT_DOMAIN);
