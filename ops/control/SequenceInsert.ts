import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { checkSequenceLength } from '../helpers/output-shape.js';
import { positionInput, sequenceInput } from './sequence-values.js';

export const SequenceInsert = [
  defineOp('SequenceInsert', 11, () => (inputs) => {
    const seq = sequenceInput(inputs, 0);
    const tensor = tensorInput(inputs, 1, 'tensor');
    const at = inputs[2] === undefined ? seq.length : positionInput(inputs, 2, seq.length, true);
    // a sequence grown in a loop of 10^9 iterations is refused before it fills the memory
    checkSequenceLength(seq.length + 1, 'SequenceInsert');
    // a new array: the input sequence may still be read by other nodes
    const out = seq.slice();
    out.splice(at, 0, tensor);
    return [out];
  }),
];
