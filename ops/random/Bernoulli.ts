import { defineOp } from '../define.js';
import { SeededRandom } from '../helpers/random.js';
import { numbersOf, tensorFromNumbers, tensorInput } from '../helpers/values.js';
import { dataTypeFromCode } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';

export const Bernoulli = [15, 22].map((since) =>
  defineOp('Bernoulli', since, (ctx) => {
    const code = ctx.attrs.int('dtype');
    const dtype = code === undefined ? undefined : dataTypeFromCode(code);
    if (code !== undefined && (!dtype || dtype === 'string' || dtype.startsWith('complex'))) {
      throw ctx.attrs.error(`dtype ${code} is not a numeric or bool type`, 'dtype');
    }
    const rng = SeededRandom.fromSeedAttribute(ctx.attrs.float('seed'));
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const p = numbersOf(x);
      const draws = new Float64Array(x.size);
      for (let i = 0; i < draws.length; i++) {
        const pi = p[i];
        if (!(pi >= 0 && pi <= 1)) throw new InvalidInputError(`Bernoulli: probability ${pi} at index ${i} is outside [0, 1]`);
        draws[i] = rng.nextFloat() < pi ? 1 : 0;
      }
      return [tensorFromNumbers(dtype ?? x.type, draws, x.dims)];
    };
  }),
);
