// com.microsoft FastGelu: the tanh approximation of Gelu of X + bias (bias [H] optional).
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { geluTanh } from './gelu-functions.js';
import { mapWithBias } from './last-axis-bias.js';

export const FastGelu = defineOp('FastGelu', 1, () => (inputs) => [
  mapWithBias('FastGelu', tensorInput(inputs, 0, 'X'), optionalTensorInput(inputs, 1), geluTanh),
], MICROSOFT_DOMAIN);
