import { defineOp } from '../define.js';
import { positionInput, sequenceInput } from './sequence-values.js';

export const SequenceAt = [
  defineOp('SequenceAt', 11, () => (inputs) => {
    const seq = sequenceInput(inputs, 0);
    return [seq[positionInput(inputs, 1, seq.length)]];
  }),
];
