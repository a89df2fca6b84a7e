import { defineOp } from '../define.js';
import { numbersOf, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Each row of X [N, C] becomes a map from the C class labels to that row's scores.
export const ZipMap = [
  defineOp('ZipMap', 1, (ctx) => {
    const strings = ctx.attrs.strings('classlabels_strings');
    const ints = ctx.attrs.ints('classlabels_int64s');
    if (!strings === !ints) throw ctx.attrs.error('exactly one of classlabels_strings and classlabels_int64s must be set');
    const keys: (string | bigint)[] = strings ?? ints!.map((v) => BigInt(v));
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if (x.dims.length !== 1 && x.dims.length !== 2) throw new InvalidInputError(`ZipMap: X must be [N, C] or [C], got [${x.dims}]`);
      const c = x.dims[x.dims.length - 1];
      const n = x.dims.length === 2 ? x.dims[0] : 1;
      if (c !== keys.length) throw new InvalidInputError(`ZipMap: X has ${c} columns but there are ${keys.length} labels`);
      const data = numbersOf(x);
      const rows: Map<string | bigint, Tensor>[] = [];
      for (let r = 0; r < n; r++) {
        rows.push(new Map(keys.map((k, j) => [k, new Tensor('float32', Float32Array.of(data[r * c + j]), [])])));
      }
      return [rows];
    };
  }, ML_DOMAIN),
];
