import { defineOp } from '../define.js';
import { int64Scalar } from './control-values.js';
import { sequenceInput } from './sequence-values.js';

export const SequenceLength = [
  defineOp('SequenceLength', 11, () => (inputs) => [int64Scalar(sequenceInput(inputs, 0).length)]),
];
