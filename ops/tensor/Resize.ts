import { defineOp } from '../define.js';
import {
  resample, type AxisResample, type CoordinateMode, type InterpolationMode, type NearestMode, type ResampleOptions,
} from '../helpers/resample.js';
import { normalizeAxes } from '../helpers/shape.js';
import { numbersOf, optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';

const COORDINATE_MODES: CoordinateMode[] = [
  'half_pixel', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn', 'tf_crop_and_resize',
];
const NEAREST_MODES: NearestMode[] = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'];

function oneOf<T extends string>(ctx: OpContext, name: string, def: T, allowed: readonly T[]): T {
  const v = ctx.attrs.string(name, def) as T;
  if (!allowed.includes(v)) throw ctx.attrs.error(`${name} must be one of ${allowed.join(', ')}, got "${v}"`, name);
  return v;
}

type Policy = 'stretch' | 'not_larger' | 'not_smaller';

interface Request {
  scales?: number[];
  sizes?: number[];
  roi?: number[];
  /** the axes scales/sizes/roi refer to (all when omitted) */
  axes?: number[];
  policy: Policy;
}

/** Per-axis sizes and scales from either `scales` or `sizes`, as the ONNX reference computes them. */
export function resizeAxes(x: Tensor, r: Request): AxisResample[] {
  const rank = x.dims.length;
  const axes = r.axes ? normalizeAxes(r.axes, rank, 'Resize axes') : x.dims.map((_, i) => i);
  const given = r.scales ?? r.sizes;
  if (!given || given.length !== axes.length) {
    throw new InvalidInputError(`Resize: ${r.scales ? 'scales' : 'sizes'} must have ${axes.length} values for input [${x.dims}], got ${given?.length ?? 0}`);
  }
  if (r.roi && r.roi.length !== 2 * axes.length) throw new InvalidInputError(`Resize: roi must have ${2 * axes.length} values, got ${r.roi.length}`);
  const plan: AxisResample[] = x.dims.map((d) => ({ inSize: d, outSize: d, scale: 1, outWidth: d, roiStart: 0, roiEnd: 1 }));
  axes.forEach((a, i) => {
    if (r.roi) {
      plan[a].roiStart = r.roi[i];
      plan[a].roiEnd = r.roi[axes.length + i];
    }
  });
  if (r.scales) {
    axes.forEach((a, i) => {
      const s = r.scales![i];
      if (!(s > 0)) throw new InvalidInputError(`Resize: scales must be positive, got [${r.scales}]`);
      plan[a].scale = s;
      plan[a].outWidth = s * plan[a].inSize;
      plan[a].outSize = Math.floor(plan[a].outWidth);
    });
    return plan;
  }
  const sizes = r.sizes!;
  if (sizes.some((s) => !Number.isInteger(s) || s < 0)) throw new InvalidInputError(`Resize: invalid sizes [${sizes}]`);
  if (r.policy === 'stretch') {
    axes.forEach((a, i) => {
      plan[a].scale = sizes[i] / plan[a].inSize;
      plan[a].outSize = plan[a].outWidth = sizes[i];
    });
    return plan;
  }
  // keep the aspect ratio: one scale for all resized axes, sizes rounded half up from it
  const ratios = axes.map((a, i) => sizes[i] / plan[a].inSize);
  const scale = r.policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
  for (const a of axes) {
    plan[a].scale = scale;
    plan[a].outWidth = scale * plan[a].inSize;
    plan[a].outSize = Math.floor(plan[a].outWidth + 0.5);
  }
  return plan;
}

/** A float list from an optional input; an empty tensor counts as absent. */
function optionalList(t: Tensor | undefined): number[] | undefined {
  return t && t.size > 0 ? Array.from(numbersOf(t)) : undefined;
}

export const Resize = [
  // Resize-10: scales only; asymmetric coordinates and Upsample's nearest rounding
  defineOp('Resize', 10, (ctx) => {
    const mode = oneOf<InterpolationMode>(ctx, 'mode', 'nearest', ['nearest', 'linear']);
    const opts: ResampleOptions = {
      mode, coordinateMode: 'asymmetric', nearestMode: 'simple', cubicA: -0.75, excludeOutside: false, extrapolationValue: 0, antialias: false,
    };
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const scales = Array.from(numbersOf(tensorInput(inputs, 1, 'scales')));
      return [resample(x, resizeAxes(x, { scales, policy: 'stretch' }), opts)];
    };
  }),
  ...[11, 13, 18, 19].map((since) =>
    defineOp('Resize', since, (ctx) => {
      const coordinateModes = since >= 19 ? [...COORDINATE_MODES, 'half_pixel_symmetric' as const] : COORDINATE_MODES;
      const opts: ResampleOptions = {
        mode: oneOf<InterpolationMode>(ctx, 'mode', 'nearest', ['nearest', 'linear', 'cubic']),
        coordinateMode: oneOf(ctx, 'coordinate_transformation_mode', 'half_pixel', coordinateModes),
        nearestMode: oneOf(ctx, 'nearest_mode', 'round_prefer_floor', NEAREST_MODES),
        cubicA: ctx.attrs.float('cubic_coeff_a', -0.75),
        excludeOutside: ctx.attrs.int('exclude_outside', 0) !== 0,
        extrapolationValue: ctx.attrs.float('extrapolation_value', 0),
        antialias: since >= 18 && ctx.attrs.int('antialias', 0) !== 0,
      };
      const axes = since >= 18 ? ctx.attrs.ints('axes') : undefined;
      const policy = since >= 18 ? oneOf<Policy>(ctx, 'keep_aspect_ratio_policy', 'stretch', ['stretch', 'not_larger', 'not_smaller']) : 'stretch';
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'X');
        const roi = optionalList(optionalTensorInput(inputs, 1));
        const scales = optionalList(optionalTensorInput(inputs, 2));
        const sizesT = optionalTensorInput(inputs, 3);
        const sizes = sizesT && sizesT.size > 0 ? readInts(sizesT) : undefined;
        if ((scales === undefined) === (sizes === undefined)) {
          throw new InvalidInputError('Resize: exactly one of scales and sizes must be given');
        }
        const needsRoi = opts.coordinateMode === 'tf_crop_and_resize';
        return [resample(x, resizeAxes(x, { scales, sizes, roi: needsRoi ? roi : undefined, axes, policy }), opts)];
      };
    }),
  ),
];
