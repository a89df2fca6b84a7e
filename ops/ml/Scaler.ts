import { defineOp } from '../define.js';
import { numbersOf, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Y = (X − offset) · scale, per feature of the last axis (or one value for all).
export const Scaler = [
  defineOp('Scaler', 1, (ctx) => {
    const offset = ctx.attrs.floats('offset', []);
    const scale = ctx.attrs.floats('scale', []);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const c = x.dims.length ? x.dims[x.dims.length - 1] : 1;
      for (const [name, list] of [['offset', offset], ['scale', scale]] as const) {
        if (list.length > 1 && list.length !== c) {
          throw new InvalidInputError(`Scaler: ${name} has ${list.length} values but X has ${c} features`);
        }
      }
      const data = numbersOf(x);
      const out = new Float32Array(x.size);
      for (let i = 0; i < x.size; i++) {
        const j = i % c;
        const off = offset.length === 0 ? 0 : offset.length === 1 ? offset[0] : offset[j];
        const sc = scale.length === 0 ? 1 : scale.length === 1 ? scale[0] : scale[j];
        out[i] = (data[i] - off) * sc;
      }
      return [new Tensor('float32', out, x.dims)];
    };
  }, ML_DOMAIN),
];
