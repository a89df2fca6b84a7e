// What the fuzzer counts as a bug: a typed error that quotes an engine error (RangeError text
// from a typed-array constructor, a TypeError) is an internal error, not a clean rejection.
// Then the messages of the fuzzer's shape bombs, and of the ONNX node tests of shape-producing
// ops fed hostile values, are scanned for such text.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeValueFile } from '../../graph/decode-value.js';
import { ExecutionError, InferenceSession, InvalidInputError, ResourceLimitError, Tensor } from '../../src/index.js';
import { carriesInternalError, classifyError } from '../../fuzz/classify-error.js';
import { hostileValues } from '../../fuzz/make-feeds.js';
import { makeShapeBomb, SHAPE_BOMB_OPS } from '../../fuzz/shape-bombs.js';
import { Prng } from '../../fuzz/prng.js';
import { repoPath } from '../data-paths.js';

const LIMITS = { maxTensorBytes: 64 * 2 ** 20, maxSessionBytes: 256 * 2 ** 20 };

/** The classification of creating and running `bytes` with `feeds` under tight limits. */
async function outcomeOf(bytes: Uint8Array, feeds: (s: InferenceSession) => Record<string, Tensor>, level: 'all' | 'disabled') {
  try {
    const s = await InferenceSession.create(bytes, { ...LIMITS, graphOptimizationLevel: level });
    await s.run(feeds(s), { signal: AbortSignal.timeout(300) });
    return { outcome: 'ran', detail: '' };
  } catch (e) {
    return classifyError(e);
  }
}

describe('fuzz error classes', () => {
  it('a typed error quoting an engine error is internal; a plain JS error is internal; a typed rejection is clean', () => {
    const wrapped = new ResourceLimitError('Node "p" (Pad): cannot allocate its output (Invalid typed array length: 4000000000000)');
    expect(classifyError(wrapped).outcome).toBe('internal-error');
    expect(classifyError(new InvalidInputError('Node "x": RangeError: Maximum call stack size exceeded')).outcome).toBe('internal-error');
    expect(classifyError(new ExecutionError('Node "x" (Add) failed: boom', 'x', 'Add', { cause: new TypeError('x is not a function') })).outcome).toBe('internal-error');
    expect(classifyError(new RangeError('Invalid array length')).outcome).toBe('internal-error');
    expect(classifyError(new ResourceLimitError('Node "t" (Tile): Tile: a float32 tensor of shape [4294967296] needs 17179869184 bytes, over the limit of 2147483648 bytes (maxTensorBytes)')).outcome).toBe('clean-error');
    expect(classifyError(new InvalidInputError('Range: delta must be finite and non-zero, got 0')).outcome).toBe('clean-error');
    for (const text of ['Invalid typed array length: 5', 'Array buffer allocation failed', 'Cannot read properties of undefined (reading \'dims\')', 'Maximum call stack size exceeded']) {
      expect(carriesInternalError(text)).toBe(true);
    }
    expect(carriesInternalError('Pad: a float32 tensor of shape [1000000000002] needs 4000000000008 bytes')).toBe(false);
  });
});

describe('shape bombs: every refusal is a typed error written for the user', () => {
  // the first cases of each op in a fixed seed's sequence, so the sample never changes
  const byOp = new Map<string, number[]>(SHAPE_BOMB_OPS.map((op) => [op, []]));
  for (let seed = 0; [...byOp.values()].some((v) => v.length < 6) && seed < 5000; seed++) {
    const op = makeShapeBomb(new Prng(seed)).name.replace(/ \((feed|initializer)\)$/, '');
    if (byOp.get(op)!.length < 6) byOp.get(op)!.push(seed);
  }
  for (const [op, seeds] of byOp) {
    it(op, async () => {
      const internal: string[] = [];
      for (const seed of seeds) {
        const rng = new Prng(seed);
        const bomb = makeShapeBomb(rng);
        const r = await outcomeOf(bomb.bytes, () => bomb.feeds, seed % 2 ? 'all' : 'disabled');
        if (r.outcome === 'internal-error') internal.push(`${bomb.name} (seed ${seed}): ${r.detail.split('\n')[0]}`);
      }
      expect(internal).toEqual([]);
    }, 30_000);
  }
});

// the ONNX backend suite, where the fuzzer's corpus finds it
const root = [process.env.ONNX_TEST_DATA, repoPath('..', 'shared', 'onnx-tests'), '/usr/share/libonnx-testdata/data']
  .find((d) => d && fs.existsSync(path.join(d, 'node')));
const SHAPE_OP_TESTS = /^test_(tile|expand|constantofshape|range|resize|upsample|pad|onehot|center_crop_pad|col2im|topk|split_to_sequence|tfidfvectorizer|nonzero|reshape)/;

describe.skipIf(!root)('ONNX node tests of shape-producing ops fed hostile values', () => {
  it('never answer with an engine error', async () => {
    const dir = path.join(root!, 'node');
    const tests = fs.readdirSync(dir).filter((t) => SHAPE_OP_TESTS.test(t) && fs.existsSync(path.join(dir, t, 'test_data_set_0'))).sort();
    expect(tests.length).toBeGreaterThan(20);
    const rng = new Prng(19);
    const internal: string[] = [];
    for (const t of tests) {
      const bytes = fs.readFileSync(path.join(dir, t, 'model.onnx'));
      const data = path.join(dir, t, 'test_data_set_0');
      const inputs = fs.readdirSync(data).filter((f) => f.startsWith('input_')).sort().map((f) => decodeValueFile(fs.readFileSync(path.join(data, f))));
      for (let k = 0; k < 2; k++) {
        const r = await outcomeOf(bytes, (s) => Object.fromEntries(s.inputNames.map((n, i) => {
          const v = inputs[i] as Tensor;
          // the small inputs are the shapes, repeats, pads, scales and counts
          return [n, v instanceof Tensor && v.size > 0 && v.size <= 8 && v.type !== 'string' ? hostileValues(v, rng) : v];
        })), k ? 'all' : 'disabled');
        if (r.outcome === 'internal-error') internal.push(`${t}: ${r.detail.split('\n')[0]}`);
      }
    }
    expect(internal).toEqual([]);
  }, 120_000);
});
