import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Replaces the elements equal to replaced_value (NaN matches NaN) with the imputed value of
// their feature (last axis) or the single imputed value.
export const Imputer = [
  defineOp('Imputer', 1, (ctx) => {
    const floats = ctx.attrs.floats('imputed_value_floats');
    const ints = ctx.attrs.ints('imputed_value_int64s');
    if (!floats === !ints) throw ctx.attrs.error('exactly one of imputed_value_floats and imputed_value_int64s must be set');
    const replacedFloat = ctx.attrs.float('replaced_value_float', 0);
    const replacedInt = ctx.attrs.int('replaced_value_int64', 0);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const isFloat = x.type === 'float32' || x.type === 'float64';
      if (!isFloat && x.type !== 'int64' && x.type !== 'int32') throw new InvalidInputError(`Imputer: X must be float, double, int64 or int32, got ${x.type}`);
      const imputed = isFloat ? floats : ints;
      if (!imputed) throw new InvalidInputError(`Imputer: X is ${x.type} but only imputed_value_${isFloat ? 'int64s' : 'floats'} is set`);
      const c = x.dims.length ? x.dims[x.dims.length - 1] : 1;
      if (imputed.length !== 1 && imputed.length !== c) {
        throw new InvalidInputError(`Imputer: ${imputed.length} imputed values for ${c} features`);
      }
      const src = x.data as ArrayLike<number | bigint>;
      const out = (x.data as Float32Array).slice() as unknown as { [i: number]: number | bigint };
      const replaced = isFloat ? replacedFloat : replacedInt;
      for (let i = 0; i < x.size; i++) {
        const v = Number(src[i]);
        if (v === replaced || (Number.isNaN(replaced) && Number.isNaN(v))) {
          const w = imputed.length === 1 ? imputed[0] : imputed[i % c];
          out[i] = x.type === 'int64' ? BigInt(w) : w;
        }
      }
      return [new Tensor(x.type, out as never, x.dims)];
    };
  }, ML_DOMAIN),
];
