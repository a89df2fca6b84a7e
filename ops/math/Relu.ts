import { defineOp } from '../define.js';
import { unaryMap } from '../helpers/elementwise.js';
import { tensorInput } from '../helpers/values.js';

export const Relu = [1, 6, 13, 14].map((since) =>
  defineOp('Relu', since, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const zero = x.type === 'int64' ? 0n : 0;
    return [unaryMap(x, (v) => (v > zero ? v : zero))];
  }),
);
