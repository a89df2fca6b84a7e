import { defineOp } from '../define.js';
import { permuteAxes } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

// [N, C, H, W] -> [N, C/b², H·b, W·b] as a reshape + transpose. DCR (the default) reads the
// depth as (block row, block column, channel); CRD as (channel, block row, block column).
export const DepthToSpace = [1, 11, 13].map((since) =>
  defineOp('DepthToSpace', since, (ctx) => {
    const b = ctx.attrs.required('blocksize', ctx.attrs.int('blocksize'));
    const mode = since >= 11 ? ctx.attrs.string('mode', 'DCR') : 'DCR';
    if (mode !== 'DCR' && mode !== 'CRD') throw ctx.attrs.error(`mode must be "DCR" or "CRD", got "${mode}"`, 'mode');
    if (!(b >= 1)) throw ctx.attrs.error(`blocksize must be positive, got ${b}`, 'blocksize');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      if (x.dims.length !== 4 || x.dims[1] % (b * b) !== 0) {
        throw new InvalidInputError(`DepthToSpace: input must be [N, C, H, W] with C divisible by ${b * b}, got [${x.dims}]`);
      }
      const [n, c, h, w] = x.dims;
      const oc = c / (b * b);
      const y = mode === 'DCR'
        ? permuteAxes(x, [0, 3, 4, 1, 5, 2], [n, b, b, oc, h, w])
        : permuteAxes(x, [0, 1, 4, 2, 5, 3], [n, oc, b, b, h, w]);
      return [y.reshape([n, oc, h * b, w * b])];
    };
  }),
);
