import { defineOp } from '../define.js';
import { padTensor } from '../helpers/pad-tensor.js';
import { normalizeAxes } from '../helpers/shape.js';
import { readInts, tensorInput } from '../helpers/values.js';
import { allocateData } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';

// Each listed axis is centre-cropped (when longer than the target) or zero-padded equally on
// both sides (when shorter); an odd difference puts the extra element at the end.
export const CenterCropPad = [
  defineOp('CenterCropPad', 18, (ctx) => {
    const axesAttr = ctx.attrs.ints('axes');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input_data');
      const shape = readInts(tensorInput(inputs, 1, 'shape'));
      const rank = x.dims.length;
      const axes = axesAttr ? normalizeAxes(axesAttr, rank, 'CenterCropPad axes') : x.dims.map((_, i) => i);
      if (shape.length !== axes.length || shape.some((s) => !Number.isInteger(s) || s < 0)) {
        throw new InvalidInputError(`CenterCropPad: shape [${shape}] must give ${axes.length} non-negative sizes`);
      }
      const before = new Array<number>(rank).fill(0);
      const after = new Array<number>(rank).fill(0);
      axes.forEach((a, i) => {
        const d = x.dims[a];
        const s = shape[i];
        if (d > s) {
          before[a] = -Math.floor((d - s) / 2);
          after[a] = -(d - s) - before[a];
        } else {
          before[a] = Math.floor((s - d) / 2);
          after[a] = s - d - before[a];
        }
      });
      return [padTensor(x, before, after, 'constant', allocateData(x.type, 1)[0], 'CenterCropPad')];
    };
  }),
];
