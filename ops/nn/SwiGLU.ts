import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { sameDims } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';

// Y = A * sigmoid(alpha * A) * B, for A and B of identical shape (no broadcasting).
export const SwiGLU = [
  defineOp('SwiGLU', 28, (ctx) => {
    const alpha = ctx.attrs.float('alpha', 1);
    return (inputs) => {
      const a = tensorInput(inputs, 0, 'A');
      const b = tensorInput(inputs, 1, 'B');
      if (!sameDims(a.dims, b.dims)) {
        throw new InvalidInputError(`SwiGLU: A and B must have the same shape, got [${a.dims}] and [${b.dims}]`);
      }
      const av = floatData(a, 'A');
      const bv = floatData(b, 'B');
      const y = allocFloat(a.type, a.size);
      for (let i = 0; i < a.size; i++) {
        const v = av[i];
        y[i] = (v / (1 + Math.exp(-alpha * v))) * bv[i];
      }
      return [fromCompute(a.type, y, a.dims)];
    };
  }),
];
