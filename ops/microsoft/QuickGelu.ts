// com.microsoft QuickGelu: x·sigmoid(alpha·x), alpha 1.702 by default (CLIP's activation).
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { quickGelu } from './gelu-functions.js';
import { mapWithBias } from './last-axis-bias.js';

export const QuickGelu = defineOp('QuickGelu', 1, (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1.702);
  return (inputs) => [mapWithBias('QuickGelu', tensorInput(inputs, 0, 'X'), undefined, (v) => quickGelu(v, alpha))];
}, MICROSOFT_DOMAIN);
