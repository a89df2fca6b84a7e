import { defineOpVersions } from '../define.js';
import { permuteAxes } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

export const Transpose = defineOpVersions('Transpose', [1, 13, 21, 23, 24, 25], (ctx) => {
  const perm = ctx.attrs.ints('perm');
  return (inputs, rt) => {
    const x = tensorInput(inputs, 0, 'data');
    const rank = x.dims.length;
    // no perm reverses the axes
    const p = perm ?? x.dims.map((_, i) => rank - 1 - i);
    const seen = new Set(p);
    if (p.length !== rank || seen.size !== rank || p.some((a) => !Number.isInteger(a) || a < 0 || a >= rank)) {
      throw new InvalidInputError(`Transpose: perm [${p}] is not a permutation of the ${rank} axes of [${x.dims}]`);
    }
    return [permuteAxes(x, p, x.dims, rt)];
  };
});
