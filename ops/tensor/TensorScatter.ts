import { defineOp } from '../define.js';
import { axisBlocks } from '../helpers/axis-blocks.js';
import { indexValues } from '../helpers/index-bounds.js';
import { normalizeAxis } from '../helpers/shape.js';
import { copyRun } from '../helpers/strided-copy.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { slotsPerElement, type TypedArray } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

// A KV-cache write: present = past, with each batch's `update` rows written along `axis`
// from write_indices[batch] on (wrapping around the cache in circular mode).
export const TensorScatter = [
  defineOp('TensorScatter', 24, (ctx) => {
    const axisAttr = ctx.attrs.int('axis', -2);
    const mode = ctx.attrs.string('mode', 'linear');
    if (mode !== 'linear' && mode !== 'circular') throw ctx.attrs.error(`mode must be "linear" or "circular", got "${mode}"`, 'mode');
    return (inputs) => {
      const past = tensorInput(inputs, 0, 'past_cache');
      const update = tensorInput(inputs, 1, 'update');
      const writeT = optionalTensorInput(inputs, 2);
      const rank = past.dims.length;
      const axis = normalizeAxis(axisAttr, rank, 'TensorScatter axis');
      if (axis === 0) throw new InvalidInputError('TensorScatter: axis cannot be the batch axis 0');
      if (update.type !== past.type || update.dims.length !== rank || update.dims.some((d, k) => k !== axis && d !== past.dims[k]) || update.dims[axis] > past.dims[axis]) {
        throw new InvalidInputError(`TensorScatter: update ${update.type}[${update.dims}] does not fit past_cache ${past.type}[${past.dims}] along axis ${axis}`);
      }
      const batch = past.dims[0];
      const writes = writeT ? indexValues('TensorScatter', writeT, 'write_indices') : new Float64Array(batch);
      if (writes.length !== batch) throw new InvalidInputError(`TensorScatter: write_indices has ${writes.length} entries for batch size ${batch}`);
      const { outer, size: maxSeq, inner } = axisBlocks(past.dims, axis);
      const seq = update.dims[axis];
      const perBatch = outer / batch; // prefix positions that share one batch index
      const slots = slotsPerElement(past.type);
      const row = inner * slots;
      const out = Array.isArray(past.data) ? past.data.slice() : (past.data as TypedArray).slice();
      for (let o = 0; o < outer; o++) {
        const b = Math.floor(o / perBatch);
        const w = writes[b];
        if (!Number.isInteger(w) || w < 0 || (mode === 'linear' && w + seq > maxSeq)) {
          throw new InvalidInputError(`TensorScatter: write index ${w} for batch ${b} is out of range for ${seq} rows into a cache of length ${maxSeq} (${mode} mode)`);
        }
        for (let s = 0; s < seq; s++) {
          const pos = mode === 'circular' ? (w + s) % maxSeq : w + s;
          copyRun(update.data, (o * seq + s) * row, out, (o * maxSeq + pos) * row, row);
        }
      }
      return [new Tensor(past.type, out, past.dims)];
    };
  }),
];
