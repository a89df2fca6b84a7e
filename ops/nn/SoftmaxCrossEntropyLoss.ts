import { defineOpVersions } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { sizeOf } from '../helpers/shape.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';
import { nllLoss, readReduction } from './nll-loss.js';
import { softmaxAlong } from './softmax-rows.js';

// The negative log likelihood of the log-softmax of `scores` over the class axis (1).
export const SoftmaxCrossEntropyLoss = defineOpVersions('SoftmaxCrossEntropyLoss', [12, 13], (ctx) => {
  const reduction = readReduction(ctx.attrs);
  const ignoreIndex = ctx.attrs.int('ignore_index');
  const wantLogProb = outputRequested(ctx.node, 1);
  return (inputs) => {
    const scores = tensorInput(inputs, 0, 'scores');
    if (scores.dims.length < 2) throw new InvalidInputError(`scores must have shape [N, C, d1, ...], got [${scores.dims}]`);
    const labels = tensorInput(inputs, 1, 'labels');
    const weights = optionalTensorInput(inputs, 2);
    const logProb = allocFloat(scores.type, scores.size);
    softmaxAlong(floatData(scores, 'scores'), logProb, scores.dims[0], scores.dims[1], sizeOf(scores.dims.slice(2)), 'logsoftmax');
    const loss = nllLoss(logProb, scores.dims, labels, weights, reduction, ignoreIndex, scores.type);
    return wantLogProb ? [loss, fromCompute(scores.type, logProb, scores.dims)] : [loss];
  };
});
