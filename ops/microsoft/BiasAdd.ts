// com.microsoft BiasAdd: Y = X + bias + skip, X and skip [N,S,C], bias [C] (the residual add of
// diffusion models' attention blocks). onnxruntime runs it on GPU providers only.
import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { checkRank, checkSameFloatType } from './contrib-checks.js';
import { lastAxisBias } from './last-axis-bias.js';

export const BiasAdd = defineOp('BiasAdd', 1, () => (inputs) => {
  const x = tensorInput(inputs, 0, 'X');
  const biasT = tensorInput(inputs, 1, 'bias');
  const skipT = tensorInput(inputs, 2, 'skip');
  checkRank('BiasAdd', 'X', x, [3]);
  checkSameFloatType('BiasAdd', 'skip', skipT, x);
  if (skipT.dims.length !== 3 || skipT.dims.some((d, i) => d !== x.dims[i])) {
    throw new InvalidInputError(`BiasAdd: skip must have X's shape [${x.dims.join(',')}], got [${skipT.dims.join(',')}]`, 'skip', `[${x.dims.join(',')}]`, `[${skipT.dims.join(',')}]`);
  }
  const bias = lastAxisBias('BiasAdd', x, biasT)!;
  const xv = floatData(x, 'X'), skip = floatData(skipT, 'skip');
  const y = allocFloat(x.type, x.size);
  const c = bias.length;
  for (let i = 0, j = 0; i < y.length; i++, j = j + 1 === c ? 0 : j + 1) y[i] = xv[i] + bias[j] + skip[i];
  return [fromCompute(x.type, y, x.dims)];
}, MICROSOFT_DOMAIN);
