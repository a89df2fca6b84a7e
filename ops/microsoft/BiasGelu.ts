// com.microsoft BiasGelu: Gelu(A + B) with the exact (erf) form, B a bias [H] along A's last axis.
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { geluErf } from './gelu-functions.js';
import { mapWithBias } from './last-axis-bias.js';

export const BiasGelu = defineOp('BiasGelu', 1, () => (inputs) => [
  mapWithBias('BiasGelu', tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B'), geluErf),
], MICROSOFT_DOMAIN);
