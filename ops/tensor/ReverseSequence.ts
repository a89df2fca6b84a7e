import { defineOp } from '../define.js';
import { indexValues } from '../helpers/index-bounds.js';
import { sizeOf } from '../helpers/shape.js';
import { copyRun } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

// For each batch entry b, the first sequence_lens[b] steps along the time axis are reversed;
// the rest are copied as they are. The batch and time axes are 0 and 1, in either order.
export const ReverseSequence = [
  defineOp('ReverseSequence', 10, (ctx) => {
    const batchAxis = ctx.attrs.int('batch_axis', 1);
    const timeAxis = ctx.attrs.int('time_axis', 0);
    if (![0, 1].includes(batchAxis) || ![0, 1].includes(timeAxis) || batchAxis === timeAxis) {
      throw ctx.attrs.error(`batch_axis and time_axis must be 0 and 1 in some order, got ${batchAxis} and ${timeAxis}`);
    }
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const lens = indexValues('ReverseSequence', tensorInput(inputs, 1, 'sequence_lens'), 'sequence_lens');
      if (x.dims.length < 2) throw new InvalidInputError(`ReverseSequence: input must have rank >= 2, got [${x.dims}]`);
      const batch = x.dims[batchAxis];
      const time = x.dims[timeAxis];
      if (lens.length !== batch) throw new InvalidInputError(`ReverseSequence: sequence_lens has ${lens.length} entries for batch size ${batch}`);
      const block = sizeOf(x.dims.slice(2)) * slotsPerElement(x.type);
      const out = allocateData(x.type, x.size);
      const at = (b: number, t: number) => (timeAxis === 0 ? t * batch + b : b * time + t) * block;
      for (let b = 0; b < batch; b++) {
        const len = lens[b];
        if (!Number.isInteger(len) || len < 0 || len > time) {
          throw new InvalidInputError(`ReverseSequence: sequence_lens[${b}] = ${len} is out of range [0, ${time}]`);
        }
        for (let t = 0; t < time; t++) copyRun(x.data, at(b, t < len ? len - 1 - t : t), out, at(b, t), block);
      }
      return [new Tensor(x.type, out, x.dims)];
    };
  }),
];
