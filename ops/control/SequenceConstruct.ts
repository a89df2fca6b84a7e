import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';

export const SequenceConstruct = [
  defineOp('SequenceConstruct', 11, () => (inputs) => [inputs.map((_, i) => tensorInput(inputs, i, `inputs[${i}]`))]),
];
