import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { tensorInput } from '../helpers/values.js';
import { legacyBroadcast } from './legacy-broadcast.js';

// Add-1/6 carried `broadcast`/`axis` attributes; from 7 on, numpy broadcasting applies.
export const Add = [1, 6, 7, 13, 14].map((since) =>
  defineOp('Add', since, (ctx) => {
    const align = legacyBroadcast(ctx);
    return (inputs) => {
      const [a, b] = align(tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B'));
      return [binaryMap(a, b, (x, y) => x + y)];
    };
  }),
);
