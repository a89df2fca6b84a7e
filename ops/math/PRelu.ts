import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { broadcastShapes, sameDims } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import { type BinaryKernel, applyBinary } from './define-binary.js';
import { numericTypes } from './element-types.js';

const kernel: BinaryKernel = {
  scalar: numericTypes((x: number, s: number) => (x < 0 ? x * s : x), (x: bigint, s: bigint) => (x < 0n ? x * s : x)),
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) {
      const v = a[ai];
      out[oi] = v < 0 ? v * b[bi] : v;
    }
  },
};

// Before opset 7 a slope of one value per channel had shape [C] and applied along axis 1;
// from 7 on the slope broadcasts numpy-style (unidirectionally) onto X.
function channelSlope(x: Tensor, slope: Tensor): Tensor {
  if (slope.dims.length !== 1 || slope.size === 1 || x.dims.length < 2 || slope.dims[0] !== x.dims[1]) return slope;
  return slope.reshape([slope.size, ...new Array<number>(x.dims.length - 2).fill(1)]);
}

export const PRelu = [1, 6, 7, 9, 16].map((since) =>
  defineOp('PRelu', since, (ctx) => (inputs) => {
    const x = tensorInput(inputs, 0, 'PRelu input X');
    let slope = tensorInput(inputs, 1, 'PRelu input slope');
    if (ctx.opset < 7 && !sameDims(x.dims, slope.dims)) slope = channelSlope(x, slope);
    if (!sameDims(broadcastShapes(x.dims, slope.dims), x.dims)) {
      throw new InvalidInputError(`PRelu: slope of shape [${slope.dims}] does not broadcast to X of shape [${x.dims}]`);
    }
    return [applyBinary('PRelu', x, slope, kernel)];
  }),
);
