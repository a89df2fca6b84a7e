import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { tensorInput } from '../helpers/values.js';
import { broadcastShapes } from '../helpers/shape.js';
import { checkStringBytes, checkedOutputShape } from '../helpers/output-shape.js';
import { InvalidInputError } from '../../data/errors.js';

export const StringConcat = [
  defineOp('StringConcat', 20, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const y = tensorInput(inputs, 1, 'Y');
    if (x.type !== 'string' || y.type !== 'string') {
      throw new InvalidInputError(`StringConcat: inputs must be string tensors, got ${x.type} and ${y.type}`);
    }
    // broadcasting repeats every string of x n / x.size times in the output (y likewise): the
    // output's text is known, and checked, before any of it is built
    const n = checkedOutputShape(broadcastShapes(x.dims, y.dims), 'string', 'StringConcat');
    if (n > 0) {
      const chars = (t: typeof x) => (t.data as string[]).reduce((sum, s) => sum + s.length, 0) * (n / t.size);
      checkStringBytes(n, chars(x) + chars(y), 'StringConcat');
    }
    return [binaryMap(x, y, (a: string, b: string) => a + b, 'string')];
  }),
];
