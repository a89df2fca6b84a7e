import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

type Token = string | number;

/** A trie of the pooled n-grams; `id` (1-based pool position) marks the end of one. */
interface GramNode {
  id: number;
  next: Map<Token, GramNode> | null;
}

const newNode = (): GramNode => ({ id: 0, next: null });

/**
 * Loads the pool into a trie. N-gram ids number every pooled n-gram in pool order, including
 * the sizes outside [minN, maxN], which are not inserted (they still take their ids).
 */
function buildTrie(pool: Token[], counts: number[], minN: number, maxN: number): { root: GramNode; grams: number } {
  const root = newNode();
  let id = 1;
  for (let g = 0; g < counts.length; g++) {
    const size = g + 1;
    const start = counts[g];
    const end = g + 1 < counts.length ? counts[g + 1] : pool.length;
    const grams = Math.floor(Math.max(0, end - start) / size);
    if (size < minN || size > maxN) {
      id += grams;
      continue;
    }
    for (let k = 0; k < grams; k++, id++) {
      let node = root;
      for (let t = 0; t < size; t++) {
        node.next ??= new Map();
        const tok = pool[start + k * size + t];
        let child = node.next.get(tok);
        if (!child) node.next.set(tok, (child = newNode()));
        node = child;
      }
      node.id = id;
    }
  }
  return { root, grams: id - 1 };
}

export const TfIdfVectorizer = [
  defineOp('TfIdfVectorizer', 9, (ctx) => {
    const a = ctx.attrs;
    const mode = a.required('mode', a.string('mode'));
    if (!['TF', 'IDF', 'TFIDF'].includes(mode)) throw a.error(`mode must be TF, IDF or TFIDF, got "${mode}"`, 'mode');
    const minN = a.required('min_gram_length', a.int('min_gram_length'));
    const maxN = a.required('max_gram_length', a.int('max_gram_length'));
    const maxSkip = a.required('max_skip_count', a.int('max_skip_count'));
    const ngramCounts = a.required('ngram_counts', a.ints('ngram_counts'));
    const ngramIndexes = a.required('ngram_indexes', a.ints('ngram_indexes'));
    const weights = a.floats('weights', []);
    const poolInts = a.ints('pool_int64s');
    const poolStrings = a.strings('pool_strings');
    if (!poolInts === !poolStrings) throw a.error('exactly one of pool_int64s and pool_strings must be set');
    if (minN < 1 || maxN < minN) throw a.error(`need 1 <= min_gram_length <= max_gram_length, got ${minN} and ${maxN}`);
    const pool: Token[] = poolStrings ?? poolInts!;
    const { root, grams } = buildTrie(pool, ngramCounts, minN, maxN);
    if (ngramIndexes.length < grams) throw a.error(`ngram_indexes has ${ngramIndexes.length} entries for ${grams} pooled n-grams`, 'ngram_indexes');
    if (ngramIndexes.some((v) => v < 0)) throw a.error('ngram_indexes must be non-negative', 'ngram_indexes');
    const outSize = ngramIndexes.reduce((m, v) => Math.max(m, v + 1), 0);
    if (weights.length && weights.length < outSize) throw a.error(`weights has ${weights.length} entries for ${outSize} outputs`, 'weights');

    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if ((x.type === 'string') !== Boolean(poolStrings) || !['string', 'int32', 'int64'].includes(x.type)) {
        throw new InvalidInputError(`TfIdfVectorizer: X of type ${x.type} does not match the ${poolStrings ? 'string' : 'integer'} pool`);
      }
      if (x.dims.length > 2) throw new InvalidInputError(`TfIdfVectorizer: X must be [C] or [B, C], got [${x.dims}]`);
      const batched = x.dims.length === 2;
      const rows = batched ? x.dims[0] : 1;
      const cols = batched ? x.dims[1] : x.size;
      const tokens: Token[] = x.type === 'string'
        ? (x.data as string[])
        : Array.from(x.data as ArrayLike<number | bigint>, Number);
      // outSize comes from the largest of ngram_indexes: a model may ask for 10^12 columns
      const outDims = batched ? [rows, outSize] : [outSize];
      checkedOutputShape(outDims, 'float32', 'TfIdfVectorizer');
      const freq = new Float64Array(checkedOutputShape(outDims, 'float64', 'TfIdfVectorizer (counts)'));

      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        const end = base + cols;
        let startN = minN;
        for (let skip = 1; skip <= maxSkip + 1; skip++) {
          for (let s = base; s < end; s++) {
            if (s + skip * (startN - 1) >= end) break;
            let node = root;
            for (let n = 1, at = s; node.next && n <= maxN && at < end; n++, at += skip) {
              const child = node.next.get(tokens[at]);
              if (!child) break;
              if (n >= startN && child.id !== 0) freq[r * outSize + ngramIndexes[child.id - 1]]++;
              node = child;
            }
          }
          // unigrams do not depend on the skip distance: count them on the first pass only
          if (startN === 1) {
            startN = 2;
            if (startN > maxN) break;
          }
        }
      }

      const out = new Float32Array(freq.length);
      for (let i = 0; i < freq.length; i++) {
        const f = freq[i];
        const w = weights.length ? weights[i % outSize] : 1;
        out[i] = mode === 'TF' ? f : mode === 'IDF' ? (f > 0 ? w : 0) : w * f;
      }
      return [new Tensor('float32', out, outDims)];
    };
  }),
];
