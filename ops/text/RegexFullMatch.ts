import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { compileRe2FullMatch } from './re2-to-regexp.js';

export const RegexFullMatch = [
  defineOp('RegexFullMatch', 20, (ctx) => {
    const pattern = ctx.attrs.required('pattern', ctx.attrs.string('pattern'));
    let re: RegExp;
    try {
      re = compileRe2FullMatch(pattern);
    } catch (e) {
      throw ctx.attrs.error(`pattern "${pattern}" is not a valid regular expression: ${(e as Error).message}`, 'pattern');
    }
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if (x.type !== 'string') throw new InvalidInputError(`RegexFullMatch: X must be a string tensor, got ${x.type}`);
      const src = x.data as string[];
      const out = new Uint8Array(x.size);
      for (let i = 0; i < src.length; i++) out[i] = re.test(src[i]) ? 1 : 0;
      return [new Tensor('bool', out, x.dims)];
    };
  }),
];
