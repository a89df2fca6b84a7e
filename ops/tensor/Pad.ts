import { defineOp } from '../define.js';
import { normalizeAxes } from '../helpers/shape.js';
import { PAD_MODES, padTensor, type PadMode } from '../helpers/pad-tensor.js';
import { optionalTensorInput, readInts, tensorFromNumbers, tensorInput } from '../helpers/values.js';
import { allocateData } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';

function readMode(ctx: OpContext, since: number): PadMode {
  const mode = ctx.attrs.string('mode', 'constant') as PadMode;
  const allowed = since >= 19 ? PAD_MODES : PAD_MODES.filter((m) => m !== 'wrap');
  if (!allowed.includes(mode)) throw ctx.attrs.error(`mode must be one of ${allowed.join(', ')}, got "${mode}"`, 'mode');
  return mode;
}

/** Splits ONNX pads [b_1, ..., b_n, e_1, ..., e_n] over `axes` into per-axis before/after lists. */
function pad(x: Tensor, pads: number[], axes: number[] | undefined, mode: PadMode, fill: unknown): Tensor {
  const rank = x.dims.length;
  const ax = axes ? normalizeAxes(axes, rank, 'Pad axes') : x.dims.map((_, i) => i);
  if (pads.length !== 2 * ax.length) {
    throw new InvalidInputError(`Pad: pads has ${pads.length} values, expected ${2 * ax.length} for ${ax.length} axes of input [${x.dims}]`);
  }
  const before = new Array<number>(rank).fill(0);
  const after = new Array<number>(rank).fill(0);
  ax.forEach((a, i) => {
    before[a] = pads[i];
    after[a] = pads[i + ax.length];
  });
  return padTensor(x, before, after, mode, fill, 'Pad');
}

/** The raw storage value of `value` in type `x.type` (bit pattern for encoded floats). */
function fillFromNumber(x: Tensor, value: number): unknown {
  if (x.type === 'string') return '';
  return tensorFromNumbers(x.type, [value], [1]).data[0];
}

export const Pad = [
  // Pad-1 and Pad-2 took the pads and fill value as attributes
  ...[1, 2].map((since) =>
    defineOp('Pad', since, (ctx) => {
      const name = since === 1 ? 'paddings' : 'pads';
      const pads = ctx.attrs.required(name, ctx.attrs.ints(name));
      const mode = readMode(ctx, since);
      const value = ctx.attrs.float('value', 0);
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'data');
        return [pad(x, pads, undefined, mode, fillFromNumber(x, value))];
      };
    }),
  ),
  ...[11, 13, 18, 19, 21, 23, 24, 25].map((since) =>
    defineOp('Pad', since, (ctx) => {
      const mode = readMode(ctx, since);
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'data');
        const pads = readInts(tensorInput(inputs, 1, 'pads'));
        const valueT = optionalTensorInput(inputs, 2);
        const axesT = since >= 18 ? optionalTensorInput(inputs, 3) : undefined;
        if (valueT && valueT.type !== x.type) throw new InvalidInputError(`Pad: constant_value type ${valueT.type} differs from data type ${x.type}`);
        const fill = valueT && valueT.size > 0 ? valueT.data[0] : allocateData(x.type, 1)[0];
        return [pad(x, pads, axesT ? readInts(axesT) : undefined, mode, fill)];
      };
    }),
  ),
];
