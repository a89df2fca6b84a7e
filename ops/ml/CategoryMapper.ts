import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// strings → int64 through cats_strings/cats_int64s (default_int64 when absent), int64 → strings likewise.
export const CategoryMapper = [
  defineOp('CategoryMapper', 1, (ctx) => {
    const ints = ctx.attrs.ints('cats_int64s', []);
    const strings = ctx.attrs.strings('cats_strings', []);
    if (ints.length !== strings.length) throw ctx.attrs.error(`cats_int64s and cats_strings differ in length (${ints.length} and ${strings.length})`);
    const toInt = new Map<string, bigint>();
    const toString = new Map<bigint, string>();
    strings.forEach((s, i) => {
      toInt.set(s, BigInt(ints[i]));
      toString.set(BigInt(ints[i]), s);
    });
    const defaultInt = BigInt(ctx.attrs.int('default_int64', -1));
    const defaultString = ctx.attrs.string('default_string', '_Unused');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if (x.type === 'string') {
        const out = BigInt64Array.from(x.data as string[], (s) => toInt.get(s) ?? defaultInt);
        return [new Tensor('int64', out, x.dims)];
      }
      if (x.type !== 'int64') throw new InvalidInputError(`CategoryMapper: X must be string or int64, got ${x.type}`);
      const out = Array.from(x.data as BigInt64Array, (v) => toString.get(v) ?? defaultString);
      return [new Tensor('string', out, x.dims)];
    };
  }, ML_DOMAIN),
];
