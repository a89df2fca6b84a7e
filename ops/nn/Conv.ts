import type { Activation } from '../../data/activation.js';
import type { ConvArgs } from '../compute/conv-args.js';
import { convF32, convF64 } from '../compute/conv.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { sameDims, sizeOf } from '../helpers/shape.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpContext, RuntimeContext } from '../types.js';
import { type WindowAttributes, readWindowAttributes, resolveWindow } from './conv-geometry.js';
import { floatOperand, floatResult } from './conv-operands.js';

export interface ConvOptions {
  window: WindowAttributes;
  group: number;
  /** Applied by the kernel as it stores the output (for fused nodes). */
  activation?: Activation;
}

export function readConvOptions(ctx: OpContext): ConvOptions {
  const group = ctx.attrs.int('group', 1);
  if (!Number.isInteger(group) || group < 1) throw ctx.attrs.error(`group must be a positive integer, got ${group}`, 'group');
  return { window: readWindowAttributes(ctx), group };
}

/** Checks X [N, C, ...] and W [M, C/group, ...kernel] against each other; returns their split dims. */
export function convShapes(op: string, x: Tensor, w: Tensor, group: number, kernelAttr: number[] | undefined) {
  if (x.dims.length < 3) throw new InvalidInputError(`${op}: X must be N x C x D1 x ... (rank >= 3), got shape [${x.dims}]`);
  if (w.dims.length !== x.dims.length) throw new InvalidInputError(`${op}: W must have the rank of X (${x.dims.length}), got shape [${w.dims}]`);
  const [batch, inChannels, ...inShape] = x.dims;
  const [outChannels, groupChannels, ...kernel] = w.dims;
  if (kernelAttr && !sameDims(kernelAttr, kernel)) {
    throw new InvalidInputError(`${op}: kernel_shape [${kernelAttr}] does not match the spatial dims of W [${w.dims}]`);
  }
  if (groupChannels * group !== inChannels) {
    throw new InvalidInputError(`${op}: W has ${groupChannels} input channels per group, so X should have ${groupChannels} x group ${group} = ${groupChannels * group} channels, got ${inChannels}`);
  }
  if (outChannels % group !== 0) throw new InvalidInputError(`${op}: W's ${outChannels} output channels are not divisible by group ${group}`);
  return { batch, inChannels, inShape, outChannels, kernel };
}

export function runConv(x: Tensor, w: Tensor, b: Tensor | undefined, o: ConvOptions, rt?: RuntimeContext): Tensor {
  const s = convShapes('Conv', x, w, o.group, o.window.kernelShape);
  if (b && (b.dims.length !== 1 || b.size !== s.outChannels)) {
    throw new InvalidInputError(`Conv: B must be a 1-D tensor of ${s.outChannels} values (one per output channel), got shape [${b.dims}]`);
  }
  const geo = resolveWindow(o.window, s.inShape, s.kernel);
  const dims = [s.batch, s.outChannels, ...geo.outShape];
  const y = floatResult(x.type, sizeOf(dims), rt);
  const args: ConvArgs<Float32Array | Float64Array> = {
    ...s, ...geo, group: o.group,
    x: floatOperand('Conv', x, 'X', x.type), w: floatOperand('Conv', w, 'W', x.type),
    bias: b && floatOperand('Conv', b, 'B', x.type), y, activation: o.activation,
  };
  if (y instanceof Float32Array) convF32(args as ConvArgs<Float32Array>);
  else convF64(args as ConvArgs<Float64Array>);
  return fromCompute(x.type, y, dims);
}

export const Conv = defineOpVersions('Conv', [1, 11, 22], (ctx) => {
  const options = readConvOptions(ctx);
  return (inputs, rt) => [runConv(tensorInput(inputs, 0, 'X'), tensorInput(inputs, 1, 'W'), optionalTensorInput(inputs, 2), options, rt)];
});
