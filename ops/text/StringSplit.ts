import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

const isSpace = (c: string) => /\s/.test(c);

/** Python's str.split(None, maxsplit): runs of whitespace separate, ends are trimmed. */
function splitWhitespace(s: string, maxsplit: number): string[] {
  const parts: string[] = [];
  const n = s.length;
  let i = 0;
  let left = maxsplit;
  while (left !== 0) {
    while (i < n && isSpace(s[i])) i++;
    if (i === n) break;
    const j = i;
    while (i < n && !isSpace(s[i])) i++;
    parts.push(s.slice(j, i));
    if (left > 0) left--;
  }
  if (i < n) {
    // maxsplit reached: the rest, less its leading whitespace, is the last part
    while (i < n && isSpace(s[i])) i++;
    if (i < n) parts.push(s.slice(i));
  }
  return parts;
}

/** Python's str.split(sep, maxsplit): every occurrence separates, empty parts are kept. */
function splitOn(s: string, sep: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let left = maxsplit;
  while (left !== 0) {
    const at = s.indexOf(sep, start);
    if (at < 0) break;
    parts.push(s.slice(start, at));
    start = at + sep.length;
    if (left > 0) left--;
  }
  parts.push(s.slice(start));
  return parts;
}

export const StringSplit = [
  defineOp('StringSplit', 20, (ctx) => {
    const delimiter = ctx.attrs.string('delimiter', '');
    const maxsplit = ctx.attrs.int('maxsplit', -1);
    // a negative maxsplit means no limit, as in Python
    const limit = maxsplit < 0 ? -1 : maxsplit;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if (x.type !== 'string') throw new InvalidInputError(`StringSplit: X must be a string tensor, got ${x.type}`);
      const src = x.data as string[];
      const split = src.map((s) => (delimiter === '' ? splitWhitespace(s, limit) : splitOn(s, delimiter, limit)));
      const width = split.reduce((m, p) => Math.max(m, p.length), 0);
      // one long string split into a million parts widens every row to a million columns
      const out = new Array<string>(checkedOutputShape([...x.dims, width], 'string', 'StringSplit')).fill('');
      const counts = new BigInt64Array(src.length);
      split.forEach((parts, i) => {
        counts[i] = BigInt(parts.length);
        for (let k = 0; k < parts.length; k++) out[i * width + k] = parts[k];
      });
      return [new Tensor('string', out, [...x.dims, width]), new Tensor('int64', counts, x.dims)];
    };
  }),
];
