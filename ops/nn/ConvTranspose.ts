import type { Activation } from '../../data/activation.js';
import type { ConvArgs } from '../compute/conv-args.js';
import { convTransposeF32, convTransposeF64 } from '../compute/conv-transpose.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { sameDims, sizeOf } from '../helpers/shape.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpContext } from '../types.js';
import { type WindowAttributes, dilatedExtent, perAxis, readWindowAttributes } from './conv-geometry.js';
import { floatOperand, floatResult } from './conv-operands.js';

export interface ConvTransposeOptions {
  window: WindowAttributes;
  group: number;
  outputPadding?: number[];
  outputShape?: number[];
  activation?: Activation;
}

export function readConvTransposeOptions(ctx: OpContext): ConvTransposeOptions {
  const group = ctx.attrs.int('group', 1);
  if (!Number.isInteger(group) || group < 1) throw ctx.attrs.error(`group must be a positive integer, got ${group}`, 'group');
  return {
    window: readWindowAttributes(ctx), group,
    outputPadding: ctx.attrs.ints('output_padding'), outputShape: ctx.attrs.ints('output_shape'),
  };
}

/**
 * Output size and begin padding per axis. An explicit output_shape (or auto_pad SAME_*, which
 * asks for input * stride) fixes the output and the padding is derived from it: the full
 * result is stride*(in-1) + output_padding + dilated kernel, and the surplus is cropped, the
 * odd cell at the end for SAME_UPPER and at the beginning otherwise.
 */
function transposeGeometry(o: ConvTransposeOptions, inShape: number[], kernel: number[]) {
  const rank = inShape.length, w = o.window;
  const strides = perAxis('strides', w.strides, rank, 1);
  const dilations = perAxis('dilations', w.dilations, rank, 1);
  const outputPadding = perAxis('output_padding', o.outputPadding?.slice(0, o.outputPadding.length === 2 * rank ? rank : undefined), rank, 0);
  let requested = o.outputShape && o.outputShape.length > 0 ? o.outputShape : undefined;
  // some exporters write the whole N x C x ... shape
  if (requested && requested.length === rank + 2) requested = requested.slice(2);
  if (requested && requested.length !== rank) {
    throw new InvalidInputError(`ConvTranspose: output_shape [${o.outputShape}] does not match the ${rank} spatial axes of X`);
  }
  const same = w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER';
  const explicitPads = w.autoPad === 'NOTSET' && w.pads && w.pads.length > 0 ? perAxis('pads', w.pads, 2 * rank, 0) : undefined;
  const padsBegin: number[] = [], outShape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const full = strides[i] * (inShape[i] - 1) + outputPadding[i] + dilatedExtent(kernel[i], dilations[i]);
    if (requested || same) {
      const out = requested ? requested[i] : inShape[i] * strides[i];
      const total = full - out;
      const half = Math.floor(total / 2);
      padsBegin.push(w.autoPad === 'SAME_UPPER' ? half : total - half);
      outShape.push(out);
    } else {
      const begin = explicitPads ? explicitPads[i] : 0, end = explicitPads ? explicitPads[i + rank] : 0;
      padsBegin.push(begin);
      outShape.push(full - begin - end);
    }
    if (outShape[i] < 0) throw new InvalidInputError(`ConvTranspose: the output size on spatial axis ${i} is negative (${outShape[i]})`);
  }
  return { strides, dilations, padsBegin, outShape };
}

export function runConvTranspose(x: Tensor, w: Tensor, b: Tensor | undefined, o: ConvTransposeOptions): Tensor {
  if (x.dims.length < 3) throw new InvalidInputError(`ConvTranspose: X must be N x C x D1 x ... (rank >= 3), got shape [${x.dims}]`);
  if (w.dims.length !== x.dims.length) throw new InvalidInputError(`ConvTranspose: W must have the rank of X (${x.dims.length}), got shape [${w.dims}]`);
  const [batch, inChannels, ...inShape] = x.dims;
  const [wIn, groupOut, ...kernel] = w.dims;
  if (o.window.kernelShape && !sameDims(o.window.kernelShape, kernel)) {
    throw new InvalidInputError(`ConvTranspose: kernel_shape [${o.window.kernelShape}] does not match the spatial dims of W [${w.dims}]`);
  }
  if (wIn !== inChannels) throw new InvalidInputError(`ConvTranspose: W must be C x M/group x ..., with C = ${inChannels} channels of X, got shape [${w.dims}]`);
  if (inChannels % o.group !== 0) throw new InvalidInputError(`ConvTranspose: X's ${inChannels} channels are not divisible by group ${o.group}`);
  const outChannels = groupOut * o.group;
  if (b && (b.dims.length !== 1 || b.size !== outChannels)) {
    throw new InvalidInputError(`ConvTranspose: B must be a 1-D tensor of ${outChannels} values (one per output channel), got shape [${b.dims}]`);
  }
  const geo = transposeGeometry(o, inShape, kernel);
  const dims = [batch, outChannels, ...geo.outShape];
  const y = floatResult(x.type, sizeOf(dims));
  const args: ConvArgs<Float32Array | Float64Array> = {
    batch, inChannels, outChannels, group: o.group, inShape, kernel, ...geo,
    x: floatOperand('ConvTranspose', x, 'X', x.type), w: floatOperand('ConvTranspose', w, 'W', x.type),
    bias: b && floatOperand('ConvTranspose', b, 'B', x.type), y, activation: o.activation,
  };
  if (y instanceof Float32Array) convTransposeF32(args as ConvArgs<Float32Array>);
  else convTransposeF64(args as ConvArgs<Float64Array>);
  return fromCompute(x.type, y, dims);
}

export const ConvTranspose = defineOpVersions('ConvTranspose', [1, 11, 22], (ctx) => {
  const options = readConvTransposeOptions(ctx);
  return (inputs) => [runConvTranspose(tensorInput(inputs, 0, 'X'), tensorInput(inputs, 1, 'W'), optionalTensorInput(inputs, 2), options)];
});
