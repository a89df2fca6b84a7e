import { defineOp } from '../define.js';
import { castTensor } from '../helpers/cast-tensor.js';
import { tensorInput } from '../helpers/values.js';
import { castOptions } from './cast-attributes.js';

// Cast to the element type of the second input (only its type matters, not its values).
export const CastLike = [15, 19, 21, 23, 24, 25].map((since) =>
  defineOp('CastLike', since, (ctx) => {
    const opts = castOptions(ctx);
    return (inputs) => {
      const target = tensorInput(inputs, 1, 'target_type');
      return [castTensor(tensorInput(inputs, 0, 'input'), target.type, opts)];
    };
  }),
);
