import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

export const StringConcat = [
  defineOp('StringConcat', 20, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const y = tensorInput(inputs, 1, 'Y');
    if (x.type !== 'string' || y.type !== 'string') {
      throw new InvalidInputError(`StringConcat: inputs must be string tensors, got ${x.type} and ${y.type}`);
    }
    return [binaryMap(x, y, (a: string, b: string) => a + b, 'string')];
  }),
];
