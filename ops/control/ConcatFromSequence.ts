import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { concatAlongAxis, stackAlongAxis } from '../helpers/concat-along-axis.js';
import { normalizeAxis } from '../helpers/shape.js';
import { sequenceInput } from './sequence-values.js';

export const ConcatFromSequence = [
  defineOp('ConcatFromSequence', 11, (ctx) => {
    const axisAttr = ctx.attrs.required('axis', ctx.attrs.int('axis'));
    const newAxis = ctx.attrs.int('new_axis', 0) === 1;
    return (inputs) => {
      const seq = sequenceInput(inputs, 0);
      if (seq.length === 0) throw new InvalidInputError('ConcatFromSequence needs at least one tensor in the sequence');
      const parts = seq.map((v, i) => {
        if (!(v instanceof Tensor)) throw new InvalidInputError(`input_sequence[${i}] must be a tensor`);
        return v;
      });
      const rank = parts[0].dims.length;
      // with new_axis the result has one more dimension, so the axis may also be `rank`
      if (newAxis) return [stackAlongAxis(parts, normalizeAxis(axisAttr, rank + 1))];
      return [concatAlongAxis(parts, normalizeAxis(axisAttr, rank))];
    };
  }),
];
