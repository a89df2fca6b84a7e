import { defineOpVersions } from '../define.js';
import { normalizeAxis } from '../helpers/shape.js';
import { takeIndices } from '../helpers/take-indices.js';
import { numbersOf, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

// Keeps the slices along `axis` (or the elements of the flattened input, without an axis)
// whose condition is true; a condition shorter than the axis leaves the rest out.
export const Compress = defineOpVersions('Compress', [9, 11], (ctx) => {
  const axisAttr = ctx.attrs.int('axis');
  return (inputs) => {
    const input = tensorInput(inputs, 0, 'input');
    const condition = tensorInput(inputs, 1, 'condition');
    if (condition.dims.length !== 1) throw new InvalidInputError(`Compress: condition must be 1-D, got shape [${condition.dims}]`);
    const x = axisAttr === undefined ? input.reshape([input.size]) : input;
    const axis = axisAttr === undefined ? 0 : normalizeAxis(axisAttr, x.dims.length, 'Compress axis');
    const cond = numbersOf(condition);
    const size = x.dims[axis];
    const kept: number[] = [];
    for (let i = 0; i < cond.length; i++) {
      if (!cond[i]) continue;
      if (i >= size) throw new InvalidInputError(`Compress: condition selects index ${i}, past the length ${size} of axis ${axis}`);
      kept.push(i);
    }
    return [takeIndices(x, axis, kept)];
  };
});
