import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { readRows } from './ml-rows.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Each row divided by its max (MAX), its sum of magnitudes (L1) or its Euclidean norm (L2);
// a zero divisor leaves the row as it is.
export const Normalizer = [
  defineOp('Normalizer', 1, (ctx) => {
    const norm = ctx.attrs.string('norm', 'MAX');
    if (!['MAX', 'L1', 'L2'].includes(norm)) throw ctx.attrs.error(`norm must be MAX, L1 or L2, got "${norm}"`, 'norm');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const { n, c, data } = readRows('Normalizer', x);
      const out = new Float32Array(n * c);
      for (let r = 0; r < n; r++) {
        const o = r * c;
        let d = norm === 'MAX' ? -Infinity : 0;
        for (let j = 0; j < c; j++) {
          const v = data[o + j];
          if (norm === 'MAX') d = Math.max(d, v);
          else if (norm === 'L1') d += Math.abs(v);
          else d += v * v;
        }
        if (norm === 'L2') d = Math.sqrt(d);
        for (let j = 0; j < c; j++) out[o + j] = d !== 0 && Number.isFinite(d) ? data[o + j] / d : data[o + j];
      }
      return [new Tensor('float32', out, x.dims.length === 1 ? [c] : [n, c])];
    };
  }, ML_DOMAIN),
];
