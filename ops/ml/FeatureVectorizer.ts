import { defineOp } from '../define.js';
import { numbersOf, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Concatenates the inputs' feature columns: input i contributes inputdimensions[i] columns
// (truncated or zero-padded); 1-D inputs are one row. Output [N, Σ inputdimensions], float.
export const FeatureVectorizer = [
  defineOp('FeatureVectorizer', 1, (ctx) => {
    const widths = ctx.attrs.ints('inputdimensions', []);
    return (inputs) => {
      if (widths.length !== inputs.length) {
        throw new InvalidInputError(`FeatureVectorizer: ${inputs.length} inputs but ${widths.length} inputdimensions`);
      }
      const xs = inputs.map((_, i) => tensorInput(inputs, i, `X${i}`));
      const shapeOf = (dims: readonly number[]) => {
        const c = dims.length ? dims[dims.length - 1] : 1;
        return { n: dims.length <= 1 ? 1 : (c === 0 ? 0 : dims.reduce((p, d) => p * d, 1) / c), c };
      };
      const n = xs.length ? shapeOf(xs[0].dims).n : 0;
      const total = widths.reduce((s, w) => s + w, 0);
      const out = new Float32Array(n * total);
      let col = 0;
      xs.forEach((x, k) => {
        const { n: rows, c } = shapeOf(x.dims);
        if (rows !== n) throw new InvalidInputError(`FeatureVectorizer: input ${k} has ${rows} rows, expected ${n}`);
        const data = numbersOf(x);
        const take = Math.min(c, widths[k]);
        for (let r = 0; r < n; r++) for (let j = 0; j < take; j++) out[r * total + col + j] = data[r * c + j];
        col += widths[k];
      });
      return [new Tensor('float32', out, [n, total])];
    };
  }, ML_DOMAIN),
];
