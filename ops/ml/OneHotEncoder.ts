import { defineOp } from '../define.js';
import { numbersOf, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Each element becomes a one-hot row over the categories: Y has X's shape plus [categories].
export const OneHotEncoder = [
  defineOp('OneHotEncoder', 1, (ctx) => {
    const ints = ctx.attrs.ints('cats_int64s');
    const strings = ctx.attrs.strings('cats_strings');
    if (!ints === !strings) throw ctx.attrs.error('exactly one of cats_int64s and cats_strings must be set');
    const zeros = ctx.attrs.int('zeros', 1) !== 0;
    const position = new Map<string | number, number>();
    (strings ?? ints!).forEach((c, i) => { if (!position.has(c)) position.set(c, i); });
    const width = position.size === 0 ? 0 : (strings ?? ints!).length;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if ((x.type === 'string') !== Boolean(strings)) {
        throw new InvalidInputError(`OneHotEncoder: X of type ${x.type} does not match the ${strings ? 'string' : 'integer'} categories`);
      }
      // numeric inputs are cast to integers before the lookup
      const keys: ArrayLike<string | number> = x.type === 'string' ? (x.data as string[]) : Array.from(numbersOf(x), Math.trunc);
      const out = new Float32Array(x.size * width);
      for (let i = 0; i < x.size; i++) {
        const p = position.get(keys[i]);
        if (p !== undefined) out[i * width + p] = 1;
        else if (!zeros) throw new InvalidInputError(`OneHotEncoder: ${String(keys[i])} is not one of the categories (zeros = 0)`);
      }
      return [new Tensor('float32', out, [...x.dims, width])];
    };
  }, ML_DOMAIN),
];
