import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { positionInput, sequenceInput } from './sequence-values.js';

export const SequenceErase = [
  defineOp('SequenceErase', 11, () => (inputs) => {
    const seq = sequenceInput(inputs, 0);
    if (seq.length === 0) throw new InvalidInputError('SequenceErase: cannot erase from an empty sequence');
    const at = inputs[1] === undefined ? seq.length - 1 : positionInput(inputs, 1, seq.length);
    const out = seq.slice();
    out.splice(at, 1);
    return [out];
  }),
];
