import { defineOp } from '../define.js';
import { resample, type InterpolationMode, type ResampleOptions } from '../helpers/resample.js';
import { numbersOf, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';
import { resizeAxes } from './Resize.js';

// Upsample is Resize with asymmetric coordinates, nearest flooring, and scales >= 1. It was
// deprecated in opset 10 (Upsample-10 is kept for models that still use it).
function options(ctx: OpContext, names: Record<string, InterpolationMode>): ResampleOptions {
  const name = ctx.attrs.string('mode', 'nearest');
  const mode = names[name];
  if (!mode) throw ctx.attrs.error(`mode must be one of ${Object.keys(names).join(', ')}, got "${name}"`, 'mode');
  return { mode, coordinateMode: 'asymmetric', nearestMode: 'simple', cubicA: -0.75, excludeOutside: false, extrapolationValue: 0, antialias: false };
}

function upsample(x: Tensor, scales: number[], opts: ResampleOptions): Tensor {
  if (scales.some((s) => !(s >= 1))) throw new InvalidInputError(`Upsample: scales must be >= 1, got [${scales}]`);
  return resample(x, resizeAxes(x, { scales, policy: 'stretch' }), opts, 'Upsample');
}

export const Upsample = [
  // the experimental Upsample-1 scaled the last two axes of a 4-D input
  defineOp('Upsample', 1, (ctx) => {
    const opts = options(ctx, { nearest: 'nearest', bilinear: 'linear' });
    const h = ctx.attrs.required('height_scale', ctx.attrs.float('height_scale'));
    const w = ctx.attrs.required('width_scale', ctx.attrs.float('width_scale'));
    return (inputs) => [upsample(tensorInput(inputs, 0, 'X'), [1, 1, h, w], opts)];
  }),
  defineOp('Upsample', 7, (ctx) => {
    const opts = options(ctx, { nearest: 'nearest', linear: 'linear' });
    const scales = ctx.attrs.required('scales', ctx.attrs.floats('scales'));
    return (inputs) => [upsample(tensorInput(inputs, 0, 'X'), scales, opts)];
  }),
  ...[9, 10].map((since) =>
    defineOp('Upsample', since, (ctx) => {
      const opts = options(ctx, { nearest: 'nearest', linear: 'linear' });
      return (inputs) => [upsample(tensorInput(inputs, 0, 'X'), Array.from(numbersOf(tensorInput(inputs, 1, 'scales'))), opts)];
    }),
  ),
];
