import { defineOpVersions } from '../define.js';
import { sizeOf } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

// The output is 2-D: the dims before `axis` multiply into rows, the rest into columns.
// Negative axes (from opset 11) count from the back; axis may equal the rank.
export const Flatten = defineOpVersions('Flatten', [1, 9, 11, 13, 21, 23, 24, 25], (ctx) => {
  const axis = ctx.attrs.int('axis', 1);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    const rank = x.dims.length;
    if (axis < -rank || axis > rank) {
      throw new InvalidInputError(`Flatten: axis ${axis} is out of range [${-rank}, ${rank}] for input of shape [${x.dims}]`);
    }
    const a = axis < 0 ? axis + rank : axis;
    return [x.reshape([sizeOf(x.dims.slice(0, a)), sizeOf(x.dims.slice(a))])];
  };
});
