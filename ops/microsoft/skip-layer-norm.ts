// SkipLayerNormalization and SkipSimplifiedLayerNormalization: layer normalization of
// input + skip (+ bias) over the hidden (last) axis, as onnxruntime fuses the residual add
// of transformer blocks into the norm after it.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData, floatTensor } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { checkRank, checkSameFloatType, checkVector, shapeText, statisticsType } from './contrib-checks.js';
import { normalizeRows } from './row-normalization.js';

/** onnxruntime's default (kDefaultSkipLayerNormEpsilon). */
const DEFAULT_EPSILON = 1e-12;


/**
 * skip is input's shape, or for a 3-D input [1, S, H] or [S, H], repeated over the batch
 * (onnxruntime's rule: the last two dims always match).
 */
function checkSkip(op: string, input: Tensor, skip: Tensor): void {
  checkRank(op, 'skip', skip, [2, 3]);
  const r = input.dims.length, s = skip.dims.length;
  const lastTwoMatch = skip.dims[s - 1] === input.dims[r - 1] && skip.dims[s - 2] === input.dims[r - 2];
  const same = s === r && skip.dims.every((d, i) => d === input.dims[i]);
  const perBatch = r === 3 && (s === 2 || skip.dims[0] === 1);
  if (!lastTwoMatch || !(same || perBatch)) {
    const expected = r === 3 ? `${shapeText(input.dims)}, [1,${input.dims[1]},${input.dims[2]}] or [${input.dims[1]},${input.dims[2]}]` : shapeText(input.dims);
    throw new InvalidInputError(`${op}: skip must have shape ${expected}, got ${shapeText(skip.dims)}`, 'skip', expected, shapeText(skip.dims));
  }
}

/**
 * Inputs: input [B,S,H] or [N,H], skip, gamma [H], then beta [H] (not in the simplified form)
 * and bias [H], each optional. Outputs: output; mean and inv_std_var ([..., 1], float32 for
 * float16 inputs; mean is 0 in the simplified form, as onnxruntime writes it), and
 * input_skip_bias_sum (input + skip + bias, before normalization), each optional.
 */
export function skipLayerNormOp(opType: string, simplified: boolean): OpDefinition {
  return defineOp(opType, 1, (ctx) => {
    const epsilon = ctx.attrs.float('epsilon', DEFAULT_EPSILON);
    if (!(epsilon >= 0)) throw ctx.attrs.error(`epsilon must be >= 0, got ${epsilon}`, 'epsilon');
    const wantMean = outputRequested(ctx.node, 1);
    const wantInvStd = outputRequested(ctx.node, 2);
    const wantSum = outputRequested(ctx.node, 3);
    const biasIndex = simplified ? 3 : 4;
    return (inputs) => {
      const input = tensorInput(inputs, 0, 'input');
      const skip = tensorInput(inputs, 1, 'skip');
      const gammaT = tensorInput(inputs, 2, 'gamma');
      const betaT = simplified ? undefined : optionalTensorInput(inputs, 3);
      const biasT = optionalTensorInput(inputs, biasIndex);
      checkRank(opType, 'input', input, [2, 3]);
      checkSkip(opType, input, skip);
      const hidden = input.dims[input.dims.length - 1];
      for (const [what, t] of [['skip', skip], ['gamma', gammaT], ['beta', betaT], ['bias', biasT]] as const) {
        if (!t) continue;
        checkSameFloatType(opType, what, t, input);
        if (what !== 'skip') checkVector(opType, what, t, hidden);
      }
      const x = floatData(input, 'input'), s = floatData(skip, 'skip');
      const bias = biasT ? floatData(biasT, 'bias') : undefined;
      const sum = allocFloat(input.type, input.size);
      const skipSize = skip.size;
      for (let i = 0, j = 0; i < sum.length; i++, j = j + 1 === skipSize ? 0 : j + 1) {
        sum[i] = x[i] + s[j] + (bias ? bias[i % hidden] : 0);
      }
      const rows = input.size / hidden;
      const y = allocFloat(input.type, input.size);
      const stats = normalizeRows(sum, y, rows, hidden, {
        epsilon, simplified, gamma: floatData(gammaT, 'gamma'), beta: betaT ? floatData(betaT, 'beta') : undefined,
      });
      const statDims = [...input.dims.slice(0, -1), 1];
      const statType = statisticsType(input);
      return [
        fromCompute(input.type, y, input.dims),
        wantMean ? floatTensor(statType, stats.mean, statDims) : null,
        wantInvStd ? floatTensor(statType, stats.invStd, statDims) : null,
        wantSum ? fromCompute(input.type, sum, input.dims) : null,
      ];
    };
  }, MICROSOFT_DOMAIN);
}
