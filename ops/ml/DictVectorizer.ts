import { defineOp } from '../define.js';
import { allocateData } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { readMapInput } from './map-input.js';
import { ML_DOMAIN } from '../../data/domains.js';

// A map → a [1, V] tensor: the value of key vocabulary[i] goes to column i (absent keys: 0 or "").
export const DictVectorizer = [
  defineOp('DictVectorizer', 1, (ctx) => {
    const strings = ctx.attrs.strings('string_vocabulary');
    const ints = ctx.attrs.ints('int64_vocabulary');
    if (!strings === !ints) throw ctx.attrs.error('exactly one of string_vocabulary and int64_vocabulary must be set');
    const vocab: (string | bigint)[] = strings ?? ints!.map((v) => BigInt(v));
    const column = new Map<string | bigint, number>();
    vocab.forEach((k, i) => { if (!column.has(k)) column.set(k, i); });
    return (inputs) => {
      const { keys, values, valueType } = readMapInput('DictVectorizer', inputs, 0);
      const type = valueType ?? 'float32';
      const out = allocateData(type, vocab.length) as unknown as { [i: number]: unknown };
      keys.forEach((k, i) => {
        if (typeof k !== typeof vocab[0] && vocab.length) {
          throw new InvalidInputError(`DictVectorizer: map keys are ${typeof k === 'string' ? 'strings' : 'integers'} but the vocabulary is not`);
        }
        const col = column.get(k);
        if (col !== undefined) out[col] = values[i];
      });
      return [new Tensor(type, out as never, [1, vocab.length])];
    };
  }, ML_DOMAIN),
];
