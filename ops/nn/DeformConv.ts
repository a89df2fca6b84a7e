import { type DeformConvArgs, deformConvF32, deformConvF64 } from '../compute/deform-conv.js';
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { defineOpVersions } from '../define.js';
import { sameDims, sizeOf } from '../helpers/shape.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { convShapes } from './Conv.js';
import { readWindowAttributes, resolveWindow } from './conv-geometry.js';
import { floatOperand, floatResult } from './conv-operands.js';

export const DeformConv = defineOpVersions('DeformConv', [19, 22], (ctx) => {
  const window = readWindowAttributes(ctx);
  const group = ctx.attrs.int('group', 1);
  const offsetGroups = ctx.attrs.int('offset_group', 1);
  if (!Number.isInteger(group) || group < 1) throw ctx.attrs.error(`group must be a positive integer, got ${group}`, 'group');
  if (!Number.isInteger(offsetGroups) || offsetGroups < 1) throw ctx.attrs.error(`offset_group must be a positive integer, got ${offsetGroups}`, 'offset_group');
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X'), w = tensorInput(inputs, 1, 'W'), offset = tensorInput(inputs, 2, 'offset');
    const b = optionalTensorInput(inputs, 3), mask = optionalTensorInput(inputs, 4);
    const s = convShapes('DeformConv', x, w, group, window.kernelShape);
    if (s.inChannels % offsetGroups !== 0) throw new InvalidInputError(`DeformConv: X's ${s.inChannels} channels are not divisible by offset_group ${offsetGroups}`);
    if (b && (b.dims.length !== 1 || b.size !== s.outChannels)) {
      throw new InvalidInputError(`DeformConv: B must be a 1-D tensor of ${s.outChannels} values, got shape [${b.dims}]`);
    }
    const geo = resolveWindow(window, s.inShape, s.kernel);
    const taps = offsetGroups * sizeOf(s.kernel);
    expectShape('offset', offset, [s.batch, taps * s.inShape.length, ...geo.outShape]);
    if (mask) expectShape('mask', mask, [s.batch, taps, ...geo.outShape]);
    const dims = [s.batch, s.outChannels, ...geo.outShape];
    const y = floatResult(x.type, sizeOf(dims));
    const args: DeformConvArgs<Float32Array | Float64Array> = {
      ...s, ...geo, group, offsetGroups,
      x: floatOperand('DeformConv', x, 'X', x.type), w: floatOperand('DeformConv', w, 'W', x.type),
      offset: floatOperand('DeformConv', offset, 'offset', x.type),
      mask: mask && floatOperand('DeformConv', mask, 'mask', x.type),
      bias: b && floatOperand('DeformConv', b, 'B', x.type), y,
    };
    if (y instanceof Float32Array) deformConvF32(args as DeformConvArgs<Float32Array>);
    else deformConvF64(args as DeformConvArgs<Float64Array>);
    return [fromCompute(x.type, y, dims)];
  };
});

function expectShape(what: string, t: Tensor, dims: number[]): void {
  if (!sameDims(t.dims, dims)) throw new InvalidInputError(`DeformConv: ${what} must have shape [${dims}], got [${t.dims}]`);
}
