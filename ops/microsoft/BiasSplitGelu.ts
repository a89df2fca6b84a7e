// com.microsoft BiasSplitGelu (diffusion models' GEGLU): X + bias, X [N,S,D] and bias [D], is
// split in halves along the last axis, and Y = left * Gelu(right), of shape [N,S,D/2].
// onnxruntime runs it on GPU providers only.
import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { checkRank } from './contrib-checks.js';
import { geluErf } from './gelu-functions.js';
import { lastAxisBias } from './last-axis-bias.js';

export const BiasSplitGelu = defineOp('BiasSplitGelu', 1, () => (inputs) => {
  const x = tensorInput(inputs, 0, 'X');
  checkRank('BiasSplitGelu', 'X', x, [3]);
  const d = x.dims[2];
  if (d % 2 !== 0) throw new InvalidInputError(`BiasSplitGelu: the last dimension of X must be even, got ${d}`, 'X', 'an even last dimension', String(d));
  const bias = lastAxisBias('BiasSplitGelu', x, tensorInput(inputs, 1, 'bias'))!;
  const xv = floatData(x, 'X');
  const half = d / 2, rows = x.size / d;
  const y = allocFloat(x.type, rows * half);
  for (let r = 0; r < rows; r++) {
    const src = r * d, dst = r * half;
    for (let i = 0; i < half; i++) y[dst + i] = (xv[src + i] + bias[i]) * geluErf(xv[src + half + i] + bias[half + i]);
  }
  return [fromCompute(x.type, y, [x.dims[0], x.dims[1], half])];
}, MICROSOFT_DOMAIN);
