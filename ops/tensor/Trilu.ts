import { defineOp } from '../define.js';
import { optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import { allocateData, slotsPerElement, type TypedArray } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

// Keeps the upper (j - i >= k) or lower (j - i <= k) triangle of each matrix in the last two
// axes and zeroes the rest.
export const Trilu = [
  defineOp('Trilu', 14, (ctx) => {
    const upper = ctx.attrs.int('upper', 1) !== 0;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const kT = optionalTensorInput(inputs, 1);
      const k = kT ? readScalar(kT) : 0;
      const rank = x.dims.length;
      if (rank < 2) throw new InvalidInputError(`Trilu: input must have rank >= 2, got shape [${x.dims}]`);
      const rows = x.dims[rank - 2];
      const cols = x.dims[rank - 1];
      const slots = slotsPerElement(x.type);
      const out = Array.isArray(x.data) ? x.data.slice() : (x.data as TypedArray).slice();
      const zero = allocateData(x.type, 1)[0];
      const o = out as unknown as { [i: number]: unknown };
      const matrices = x.size / (rows * cols || 1);
      for (let m = 0; m < matrices; m++) {
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            const keep = upper ? j - i >= k : j - i <= k;
            if (!keep) {
              const p = ((m * rows + i) * cols + j) * slots;
              for (let s = 0; s < slots; s++) o[p + s] = zero;
            }
          }
        }
      }
      return [new Tensor(x.type, out, x.dims)];
    };
  }),
];
