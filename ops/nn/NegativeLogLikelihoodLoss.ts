import { defineOpVersions } from '../define.js';
import { floatData } from '../helpers/float-data.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { nllLoss, readReduction } from './nll-loss.js';

export const NegativeLogLikelihoodLoss = defineOpVersions('NegativeLogLikelihoodLoss', [12, 13, 22], (ctx) => {
  const reduction = readReduction(ctx.attrs);
  const ignoreIndex = ctx.attrs.int('ignore_index');
  return (inputs) => {
    const input = tensorInput(inputs, 0, 'input');
    const target = tensorInput(inputs, 1, 'target');
    const weight = optionalTensorInput(inputs, 2);
    return [nllLoss(floatData(input, 'input'), input.dims, target, weight, reduction, ignoreIndex, input.type)];
  };
});
