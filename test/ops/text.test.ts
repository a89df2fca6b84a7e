// String op details beyond the backend suite: Python's split rules, RE2 spellings, stopwords.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { type AttributeInput, GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../../src/index.js';

async function run(op: string, attrs: Record<string, AttributeInput>, x: Tensor, outputs = 1): Promise<Tensor[]> {
  const b = new GraphBuilder();
  b.input('x', x.type, [...x.dims]);
  const names = Array.from({ length: outputs }, (_, i) => `y${i}`);
  b.node(op, ['x'], attrs, { outputs: names });
  names.forEach((n) => b.output(n));
  const s = await InferenceSession.create(encodeModel(b.model({ '': 20 })));
  const out = await s.run({ x });
  return names.map((n) => out[n] as Tensor);
}

const str = (values: string[], dims = [values.length]) => new Tensor('string', values, dims);

describe('StringSplit', () => {
  it('keeps the rest of the string after maxsplit whitespace splits', async () => {
    const [parts, counts] = await run('StringSplit', { maxsplit: 1 }, str(['  a  b c  ', '', 'x']), 2);
    expect(parts.dims).toEqual([3, 2]);
    expect(parts.data).toEqual(['a', 'b c  ', '', '', 'x', '']);
    expect(Array.from(counts.data as BigInt64Array, Number)).toEqual([2, 0, 1]);
  });

  it('splits on a multi-character delimiter, keeping empty parts', async () => {
    const [parts] = await run('StringSplit', { delimiter: '::' }, str(['a::::b', '']), 2);
    expect(parts.data).toEqual(['a', '', 'b', '', '', '']);
  });
});

describe('RegexFullMatch', () => {
  it('accepts RE2 inline flags, \\pL classes and named groups, anchored to the whole string', async () => {
    const [y] = await run('RegexFullMatch', { pattern: '(?i)(?P<word>\\pL+)-\\d+' }, str(['Éclair-12', 'abc-1x', 'x-', 'ABC-7']));
    expect(Array.from(y.data as Uint8Array)).toEqual([1, 0, 0, 1]);
  });
});

describe('StringNormalizer', () => {
  it('drops stopwords case-insensitively, then changes case', async () => {
    const [y] = await run('StringNormalizer', { stopwords: ['The', 'a'], case_change_action: 'LOWER' }, str(['THE', 'Cat', 'A', 'İstanbul'], [1, 4]));
    expect(y.dims).toEqual([1, 2]);
    expect(y.data).toEqual(['cat', 'i̇stanbul']);
  });
});
