import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

// The `locale` attribute is accepted but not used: case mapping uses JavaScript's
// locale-independent toLowerCase/toUpperCase, so results do not depend on the host.
export const StringNormalizer = [
  defineOp('StringNormalizer', 10, (ctx) => {
    const action = ctx.attrs.string('case_change_action', 'NONE');
    if (!['NONE', 'LOWER', 'UPPER'].includes(action)) {
      throw ctx.attrs.error(`case_change_action must be NONE, LOWER or UPPER, got "${action}"`, 'case_change_action');
    }
    const caseSensitive = ctx.attrs.int('is_case_sensitive', 0) !== 0;
    const stopwords = ctx.attrs.strings('stopwords', []);
    const stops = new Set(caseSensitive ? stopwords : stopwords.map((w) => w.toLowerCase()));
    const change = action === 'LOWER' ? (s: string) => s.toLowerCase() : action === 'UPPER' ? (s: string) => s.toUpperCase() : (s: string) => s;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if (x.type !== 'string') throw new InvalidInputError(`StringNormalizer: X must be a string tensor, got ${x.type}`);
      const twoD = x.dims.length === 2;
      if (!(x.dims.length === 1 || (twoD && x.dims[0] === 1))) {
        throw new InvalidInputError(`StringNormalizer: X must have shape [C] or [1, C], got [${x.dims}]`);
      }
      const kept: string[] = [];
      for (const s of x.data as string[]) {
        if (stops.has(caseSensitive ? s : s.toLowerCase())) continue;
        kept.push(change(s));
      }
      // everything filtered out: a single empty string stands for the empty result
      if (kept.length === 0) kept.push('');
      return [new Tensor('string', kept, twoD ? [1, kept.length] : [kept.length])];
    };
  }),
];
