import { defineOpVersions } from '../define.js';
import { permuteAxes } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

// [N, C, H, W] -> [N, C·b², H/b, W/b]; the inverse of DepthToSpace in DCR mode.
export const SpaceToDepth = defineOpVersions('SpaceToDepth', [1, 13], (ctx) => {
  const b = ctx.attrs.required('blocksize', ctx.attrs.int('blocksize'));
  if (!(b >= 1)) throw ctx.attrs.error(`blocksize must be positive, got ${b}`, 'blocksize');
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    if (x.dims.length !== 4 || x.dims[2] % b !== 0 || x.dims[3] % b !== 0) {
      throw new InvalidInputError(`SpaceToDepth: input must be [N, C, H, W] with H and W divisible by ${b}, got [${x.dims}]`);
    }
    const [n, c, h, w] = x.dims;
    const y = permuteAxes(x, [0, 3, 5, 1, 2, 4], [n, c, h / b, b, w / b, b]);
    return [y.reshape([n, c * b * b, h / b, w / b])];
  };
});
