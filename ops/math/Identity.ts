import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';

// Values are never written in place, so the input itself is the output: a tensor, a sequence
// (Identity-14 on) or an optional, empty or not (Identity-16 on). The later versions only
// added element types.
export const Identity = [1, 13, 14, 16, 19, 21, 23, 24, 25].map((since) =>
  defineOp('Identity', since, () => (inputs) => {
    const v = inputs[0];
    if (v === undefined) throw new InvalidInputError('Identity input is required but missing');
    return [v];
  }),
);
