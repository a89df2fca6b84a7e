import { defineOp } from '../define.js';
import { SeededRandom } from '../helpers/random.js';
import { numbersOf, tensorFromNumbers, tensorInput } from '../helpers/values.js';
import { dataTypeFromCode } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';

// Input: [batch, classes] unnormalized log-probabilities; output: [batch, sample_size] class indices.
export const Multinomial = [7, 22].map((since) =>
  defineOp('Multinomial', since, (ctx) => {
    const code = ctx.attrs.int('dtype', 6);
    const type = dataTypeFromCode(code);
    if (type !== 'int32' && type !== 'int64') throw ctx.attrs.error(`dtype must be int32 or int64, got ${code}`, 'dtype');
    const samples = ctx.attrs.int('sample_size', 1);
    if (samples < 0) throw ctx.attrs.error(`sample_size must be non-negative, got ${samples}`, 'sample_size');
    const rng = SeededRandom.fromSeedAttribute(ctx.attrs.float('seed'));
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      if (x.dims.length !== 2) throw new InvalidInputError(`Multinomial: input must be [batch_size, class_size], got [${x.dims}]`);
      const [batch, classes] = x.dims;
      const logits = numbersOf(x);
      const out = new Float64Array(batch * samples);
      const cdf = new Float64Array(classes);
      for (let b = 0; b < batch; b++) {
        // cumulative softmax, shifted by the max so exp cannot overflow
        let max = -Infinity;
        for (let c = 0; c < classes; c++) max = Math.max(max, logits[b * classes + c]);
        let total = 0;
        for (let c = 0; c < classes; c++) {
          total += Math.exp(logits[b * classes + c] - max);
          cdf[c] = total;
        }
        for (let s = 0; s < samples; s++) {
          const u = rng.nextFloat() * total;
          let lo = 0;
          let hi = classes - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cdf[mid] > u) hi = mid;
            else lo = mid + 1;
          }
          out[b * samples + s] = lo;
        }
      }
      return [tensorFromNumbers(type, out, [batch, samples])];
    };
  }),
);
