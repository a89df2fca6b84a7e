// Ops that compute an output shape from data check it before they allocate: a tiny model
// asking for 10^12 elements (or Infinity) fails at once with a ResourceLimitError that names
// the node, the shape, the bytes and the limit, never with the engine's RangeError, and the
// session stays usable. Constant folding leaves such nodes for run time instead of running them.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { Graph } from '../../graph/ir.js';
import { defaultLimits, defaultMaxSessionBytes } from '../../graph/limits.js';
import { FOLD_BUDGET_BYTES, foldBudgetBytes } from '../../graph/fold-budget.js';
import { checkShapeAllocation, MAX_ARRAY_ELEMENTS, withAllocationLimit } from '../../data/allocation-guard.js';
import { InferenceSession, ResourceLimitError, RunTerminatedError, Tensor } from '../../src/index.js';

const i64 = (v: number[], dims = [v.length]) => new Tensor('int64', BigInt64Array.from(v, BigInt), dims);
const f32 = (v: number[], dims = [v.length]) => new Tensor('float32', Float32Array.from(v), dims);
const str = (v: string[], dims = [v.length]) => new Tensor('string', v, dims);
const scalarI64 = (v: number | bigint) => new Tensor('int64', BigInt64Array.of(BigInt(v)), []);
const scalarF32 = (v: number) => new Tensor('float32', Float32Array.of(v), []);

const MiB = 2 ** 20;

function body(name: string, build: (g: GraphBuilder) => void): Graph {
  const g = new GraphBuilder(name);
  build(g);
  return g.graph();
}

/**
 * Runs the model and expects a fast ResourceLimitError whose message names the node and
 * contains `shape`; then checks the session still runs (when `ok` feeds are given).
 */
async function expectRefused(
  b: GraphBuilder, feeds: Record<string, Tensor>, shape: string | RegExp,
  options: { opset?: number; domains?: Record<string, number>; maxTensorBytes?: number; ok?: Record<string, Tensor> } = {},
): Promise<ResourceLimitError> {
  const opsets = { '': options.opset ?? 19, ...options.domains };
  const session = await InferenceSession.create(encodeModel(b.model(opsets)), { maxTensorBytes: options.maxTensorBytes });
  const start = performance.now();
  const err = await session.run(feeds).then(() => undefined, (e: unknown) => e);
  const ms = performance.now() - start;
  expect(err).toBeInstanceOf(ResourceLimitError);
  const message = (err as Error).message;
  if (typeof shape === 'string') expect(message).toContain(shape);
  else expect(message).toMatch(shape);
  expect(message).toMatch(/^Node "/);
  expect(message).toMatch(/bytes/);
  expect(message).not.toMatch(/Invalid typed array length|Invalid array length|RangeError|allocation failed/);
  expect(ms).toBeLessThan(1000);
  if (options.ok) await session.run(options.ok);
  return err as ResourceLimitError;
}

describe('defaults for untrusted models', () => {
  it('maxTensorBytes is 2 GiB; maxSessionBytes is half the memory, at most 8 GiB', () => {
    expect(defaultLimits().maxTensorBytes).toBe(2 ** 31);
    expect(defaultMaxSessionBytes(4 * 2 ** 30)).toBe(2 * 2 ** 30);
    expect(defaultMaxSessionBytes(64 * 2 ** 30)).toBe(8 * 2 ** 30);
    expect(defaultMaxSessionBytes()).toBeLessThanOrEqual(8 * 2 ** 30);
  });

  it('a shape past the engine\'s longest array is refused even when the limit is raised', () => {
    const err = (() => {
      try { withAllocationLimit(2 ** 45, () => checkShapeAllocation([2 ** 33], 1, 'test', 'uint8')); } catch (e) { return e; }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ResourceLimitError);
    expect((err as Error).message).toContain(`${MAX_ARRAY_ELEMENTS}`);
  });

  it('infinite and huge dimensions exceed the limit; negative and fractional ones are invalid', () => {
    expect(() => checkShapeAllocation([2, Infinity], 4, 'test')).toThrow(ResourceLimitError);
    expect(() => checkShapeAllocation([0, 2 ** 60], 4, 'test')).toThrow(ResourceLimitError);
    expect(() => checkShapeAllocation([-1, 2], 4, 'test')).toThrow(/not a non-negative integer/);
    expect(() => checkShapeAllocation([1.5], 4, 'test')).toThrow(/not a non-negative integer/);
    expect(checkShapeAllocation([0, 2 ** 40], 4, 'test')).toBe(0);
    expect(checkShapeAllocation([3, 4], 4, 'test')).toBe(12);
  });
});

describe('check before allocate', () => {
  it('ConstantOfShape fed [1e6, 1e6, 1e6]', async () => {
    const b = new GraphBuilder();
    b.output(b.op('ConstantOfShape', [b.input('shape', 'int64', [3])]), 'float32');
    const err = await expectRefused(b, { shape: i64([1e6, 1e6, 1e6]) }, '[1000000,1000000,1000000]', { ok: { shape: i64([2, 2, 2]) } });
    expect(err.requestedBytes).toBe(4e18);
    expect(err.limitBytes).toBe(2 ** 31);
  });

  it('Tile with repeats 2^31', async () => {
    const b = new GraphBuilder();
    b.output(b.op('Tile', [b.input('x', 'float32', [2]), b.input('repeats', 'int64', [1])]), 'float32');
    await expectRefused(b, { x: f32([1, 2]), repeats: i64([2 ** 31]) }, '[4294967296]', { ok: { x: f32([1, 2]), repeats: i64([3]) } });
  });

  it('Expand to [2^20, 2^20]', async () => {
    const b = new GraphBuilder();
    b.output(b.op('Expand', [b.input('x', 'float32', [1]), b.input('shape', 'int64', [2])]), 'float32');
    await expectRefused(b, { x: f32([1]), shape: i64([2 ** 20, 2 ** 20]) }, '[1048576,1048576]');
  });

  it('Resize with scales of Infinity, and with sizes of 2^31', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 1, 2, 2]);
    b.output(b.op('Resize', [x, '', b.input('scales', 'float32', [4])]), 'float32');
    await expectRefused(b, { x: f32([1, 2, 3, 4], [1, 1, 2, 2]), scales: f32([1, 1, Infinity, Infinity]) }, '[1,1,Infinity,Infinity]',
      { ok: { x: f32([1, 2, 3, 4], [1, 1, 2, 2]), scales: f32([1, 1, 2, 2]) } });
    const s = new GraphBuilder();
    s.output(s.op('Resize', [s.input('x', 'float32', [1, 1, 2, 2]), '', '', s.input('sizes', 'int64', [4])]), 'float32');
    await expectRefused(s, { x: f32([1, 2, 3, 4], [1, 1, 2, 2]), sizes: i64([1, 1, 2 ** 31, 2 ** 31]) }, '[1,1,2147483648,2147483648]');
  });

  it('Upsample with a scale of Infinity', async () => {
    const b = new GraphBuilder();
    b.output(b.op('Upsample', [b.input('x', 'float32', [1, 2]), b.input('scales', 'float32', [2])]), 'float32');
    await expectRefused(b, { x: f32([1, 2], [1, 2]), scales: f32([1, Infinity]) }, '[1,Infinity]', { opset: 9 });
  });

  it('Range with delta 1e-12, with an infinite limit, and int64 up to 2^62', async () => {
    const b = new GraphBuilder();
    b.output(b.op('Range', [b.input('start', 'float32', []), b.input('limit', 'float32', []), b.input('delta', 'float32', [])]), 'float32');
    await expectRefused(b, { start: scalarF32(0), limit: scalarF32(1), delta: scalarF32(1e-12) }, /Range: a float32 tensor of shape \[\d{12,13}\]/,
      { ok: { start: scalarF32(0), limit: scalarF32(3), delta: scalarF32(1) } });
    await expectRefused(b, { start: scalarF32(0), limit: scalarF32(Infinity), delta: scalarF32(1) }, '[Infinity]');
    const n = new GraphBuilder();
    n.output(n.op('Range', [n.input('start', 'int64', []), n.input('limit', 'int64', []), n.input('delta', 'int64', [])]), 'int64');
    await expectRefused(n, { start: scalarI64(0), limit: scalarI64(2n ** 62n), delta: scalarI64(1) }, '[4611686018427388000]');
  });

  it('Pad with pads of 1e12, and CenterCropPad to 1e12', async () => {
    const b = new GraphBuilder();
    b.output(b.op('Pad', [b.input('x', 'float32', [2]), b.input('pads', 'int64', [2])]), 'float32');
    await expectRefused(b, { x: f32([1, 2]), pads: i64([0, 1e12]) }, '[1000000000002]', { ok: { x: f32([1, 2]), pads: i64([1, 1]) } });
    // one huge axis in an empty output allocates nothing and is fine
    const e = new GraphBuilder();
    e.output(e.op('Pad', [e.input('x', 'float32', [0, 2]), e.input('pads', 'int64', [4])]), 'float32');
    const s = await InferenceSession.create(encodeModel(e.model({ '': 19 })));
    const r = await s.run({ x: f32([], [0, 2]), pads: i64([0, 0, 0, 1e12]) });
    expect((r[s.outputNames[0]] as Tensor).dims).toEqual([0, 1e12 + 2]);
    const c = new GraphBuilder();
    c.output(c.op('CenterCropPad', [c.input('x', 'float32', [2]), c.input('shape', 'int64', [1])]), 'float32');
    await expectRefused(c, { x: f32([1, 2]), shape: i64([1e12]) }, '[1000000000000]');
  });

  it('OneHot with a depth of 1e12', async () => {
    const b = new GraphBuilder();
    b.output(b.op('OneHot', [b.input('indices', 'int64', [2]), b.input('depth', 'int64', []), b.input('values', 'float32', [2])]), 'float32');
    await expectRefused(b, { indices: i64([0, 1]), depth: scalarI64(1e12), values: f32([0, 1]) }, '[2,1000000000000]');
  });

  it('NonZero whose coordinates outgrow the limit', async () => {
    const b = new GraphBuilder();
    b.output(b.op('NonZero', [b.input('x', 'float32', [2, MiB / 8])]), 'int64');
    const x = new Tensor('float32', new Float32Array(MiB / 4).fill(1), [2, MiB / 8]);
    await expectRefused(b, { x }, `[2,${MiB / 4}]`, { maxTensorBytes: 2 * MiB });
  });

  it('a Loop that only its trip count of 10^12 ends is refused after its first iteration', async () => {
    const b = new GraphBuilder();
    b.input('M', 'int64', []);
    b.input('v0', 'float32', [1]);
    const loopBody = body('body', (g) => {
      g.input('i', 'int64', []);
      g.input('cond_in', 'bool', []);
      g.input('v', 'float32', [1]);
      g.node('Identity', ['cond_in'], {}, { outputs: ['cond_out'] });
      g.node('Identity', ['v'], {}, { outputs: ['v_out'] });
      g.node('Identity', ['v'], {}, { outputs: ['scan'] });
      g.output('cond_out');
      g.output('v_out');
      g.output('scan', 'float32', [1]);
    });
    b.node('Loop', ['M', '', 'v0'], { body: loopBody }, { outputs: ['v_final', 'scans'] });
    b.output('v_final');
    b.output('scans');
    await expectRefused(b, { M: scalarI64(1e12), v0: f32([1]) }, 'of 1000000000000 iterations: a float32 tensor of shape [1000000000000,1]',
      { ok: { M: scalarI64(3), v0: f32([1]) } });
  });

  it('a Loop whose condition is data stops once its scan outputs outgrow the limit', async () => {
    const b = new GraphBuilder();
    b.input('v0', 'float32', [MiB / 4]);
    const loopBody = body('body', (g) => {
      g.input('i', 'int64', []);
      g.input('cond_in', 'bool', []);
      g.input('v', 'float32', [MiB / 4]);
      // the condition is computed, so only running tells when the loop ends
      g.initializer('zero', scalarI64(0));
      g.node('GreaterOrEqual', ['i', 'zero'], {}, { outputs: ['cond_out'] });
      g.node('Identity', ['v'], {}, { outputs: ['v_out'] });
      g.node('Identity', ['v'], {}, { outputs: ['scan'] });
      g.output('cond_out');
      g.output('v_out');
      g.output('scan', 'float32', [MiB / 4]);
    });
    b.node('Loop', ['', '', 'v0'], { body: loopBody }, { outputs: ['v_final', 'scans'] });
    b.output('v_final');
    b.output('scans');
    await expectRefused(b, { v0: new Tensor('float32', new Float32Array(MiB / 4), [MiB / 4]) }, `after 9 iterations: a float32 tensor of shape [9,${MiB / 4}]`, { maxTensorBytes: 8 * MiB });
  });

  it('a Scan whose body outputs would stack past the limit is refused after its first iteration', async () => {
    const b = new GraphBuilder();
    b.input('s0', 'float32', [1]);
    b.input('xs', 'float32', [1000, 1]);
    b.initializer('wide', i64([MiB]));
    const scanBody = body('body', (g) => {
      g.input('s', 'float32', [1]);
      g.input('x', 'float32', [1]);
      g.node('Identity', ['s'], {}, { outputs: ['s_out'] });
      g.node('Expand', ['x', 'wide'], {}, { outputs: ['y'] });
      g.output('s_out');
      g.output('y');
    });
    b.node('Scan', ['s0', 'xs'], { body: scanBody, num_scan_inputs: 1 }, { outputs: ['s_final', 'ys'] });
    b.output('s_final');
    b.output('ys');
    await expectRefused(b, { s0: f32([0]), xs: new Tensor('float32', new Float32Array(1000), [1000, 1]) }, `of 1000 iterations: a float32 tensor of shape [1000,${MiB}]`, { maxTensorBytes: 64 * MiB });
  });

  it('SplitToSequence into more tensors than the limit can hold', async () => {
    const b = new GraphBuilder();
    b.output(b.op('SplitToSequence', [b.input('x', 'float32', [4096])]));
    await expectRefused(b, { x: new Tensor('float32', new Float32Array(4096), [4096]) }, /SplitToSequence sequence of 4096 elements/, { maxTensorBytes: 256 * 1024 });
  });

  it('StringConcat broadcasting long strings, StringSplit widening every row', async () => {
    const b = new GraphBuilder();
    b.output(b.op('StringConcat', [b.input('x', 'string', [1000, 1]), b.input('y', 'string', [1, 1000])]), 'string');
    const long = 'x'.repeat(100);
    await expectRefused(b, { x: str(new Array(1000).fill(long), [1000, 1]), y: str(new Array(1000).fill(long), [1, 1000]) }, /StringConcat: 1000000 strings of 200000000 characters/, { opset: 20, maxTensorBytes: 64 * MiB });
    const s = new GraphBuilder();
    s.node('StringSplit', [s.input('x', 'string', [1000])], {}, { outputs: ['parts', 'counts'] });
    s.output('parts', 'string');
    s.output('counts', 'int64');
    const words = Array.from({ length: 100_000 }, () => 'a').join(' ');
    await expectRefused(s, { x: str([words, ...new Array(999).fill('')]) }, '[1000,100000]', { opset: 20, maxTensorBytes: 64 * MiB });
  });

  it('TfIdfVectorizer whose ngram_indexes ask for 10^12 columns', async () => {
    const b = new GraphBuilder();
    b.output(b.op('TfIdfVectorizer', [b.input('x', 'int64', [4])], {
      mode: 'TF', min_gram_length: 1, max_gram_length: 1, max_skip_count: 0, ngram_counts: [0], ngram_indexes: [1e12], pool_int64s: [7],
    }), 'float32');
    await expectRefused(b, { x: i64([7, 7, 1, 2]) }, '[1000000000001]');
  });

  it('HannWindow, HammingWindow and BlackmanWindow of size 2^33', async () => {
    for (const op of ['HannWindow', 'HammingWindow', 'BlackmanWindow']) {
      const b = new GraphBuilder();
      b.output(b.op(op, [b.input('size', 'int64', [])]), 'float32');
      await expectRefused(b, { size: scalarI64(2 ** 33) }, '[8589934592]', { ok: { size: scalarI64(4) } });
    }
  });

  it('DFT with a dft_length of 2^40, and MelWeightMatrix for one of 2^40', async () => {
    const dft = new GraphBuilder();
    dft.output(dft.op('DFT', [dft.input('x', 'float32', [1, 4, 1]), dft.input('n', 'int64', [])]), 'float32');
    await expectRefused(dft, { x: f32([1, 2, 3, 4], [1, 4, 1]), n: scalarI64(2 ** 40) }, '1099511627776', { opset: 17, ok: { x: f32([1, 2, 3, 4], [1, 4, 1]), n: scalarI64(4) } });
    const mel = new GraphBuilder();
    const ins = ['bins', 'len', 'rate', 'low', 'high'].map((n) => mel.input(n, n === 'low' || n === 'high' ? 'float32' : 'int64', []));
    mel.output(mel.op('MelWeightMatrix', ins), 'float32');
    const feeds = (len: number) => ({ bins: scalarI64(4), len: scalarI64(len), rate: scalarI64(16000), low: scalarF32(0), high: scalarF32(8000) });
    await expectRefused(mel, feeds(2 ** 40), '549755813889', { opset: 17, ok: feeds(16) });
  });

  it('GroupQueryAttention with a total_sequence_length of 2^31 - 1', async () => {
    const b = new GraphBuilder();
    const ins = [b.input('q', 'float32', [1, 1, 4]), b.input('k', 'float32', [1, 1, 4]), b.input('v', 'float32', [1, 1, 4]), '', '', b.input('seqlens', 'int32', [1]), b.input('total', 'int32', [])];
    const [y] = b.node('GroupQueryAttention', ins, { num_heads: 1, kv_num_heads: 1 }, { domain: 'com.microsoft', outputs: ['y'] });
    b.output(y, 'float32');
    const x = f32([1, 2, 3, 4], [1, 1, 4]);
    const feeds = (total: number) => ({ q: x, k: x, v: x, seqlens: new Tensor('int32', Int32Array.of(0), [1]), total: new Tensor('int32', Int32Array.of(total), []) });
    await expectRefused(b, feeds(2 ** 31 - 1), '2147483647', { domains: { 'com.microsoft': 1 }, ok: feeds(1) });
  });
});

describe('long-running kernels', () => {
  // a Loop of 10^12 iterations with nothing to stack: only the run's signal can end it
  function spinLoop(): Uint8Array {
    const b = new GraphBuilder();
    b.input('M', 'int64', []);
    b.input('v0', 'float32', [1]);
    const loopBody = body('body', (g) => {
      g.input('i', 'int64', []);
      g.input('cond_in', 'bool', []);
      g.input('v', 'float32', [1]);
      g.node('Identity', ['cond_in'], {}, { outputs: ['cond_out'] });
      g.node('Neg', ['v'], {}, { outputs: ['v_out'] });
      g.output('cond_out');
      g.output('v_out');
    });
    b.node('Loop', ['M', '', 'v0'], { body: loopBody }, { outputs: ['v_final'] });
    b.output('v_final');
    return encodeModel(b.model());
  }

  it('a Loop of 10^12 iterations ends at its AbortSignal.timeout, between iterations, and the session runs again', async () => {
    const session = await InferenceSession.create(spinLoop());
    const start = performance.now();
    const err = await session.run({ M: scalarI64(1e12), v0: f32([1]) }, { signal: AbortSignal.timeout(200) }).catch((e) => e);
    expect(err).toBeInstanceOf(RunTerminatedError);
    expect((err as Error).message).toMatch(/terminated before node .*signal aborted/);
    expect(performance.now() - start).toBeLessThan(2000);
    const r = await session.run({ M: scalarI64(3), v0: f32([1]) });
    expect(Array.from((r.v_final as Tensor).data as Float32Array)).toEqual([-1]);
  });

  it('terminate reaches the nodes of a Loop body', async () => {
    const session = await InferenceSession.create(spinLoop());
    const options = { terminate: false };
    setTimeout(() => { options.terminate = true; }, 100);
    await expect(session.run({ M: scalarI64(1e12), v0: f32([1]) }, options)).rejects.toThrow(RunTerminatedError);
  });
});

describe('bounded constant folding', () => {
  it('a tiny model with a foldable Tile to 1 GiB is created at once, and refused at run time', async () => {
    const b = new GraphBuilder();
    const big = b.op('Tile', [b.initializer('x', f32([1, 2, 3, 4])), b.initializer('reps', i64([2 ** 26]))]);
    b.output(b.op('Add', [big, b.input('y', 'float32', [1])]), 'float32');
    const bytes = encodeModel(b.model());
    expect(bytes.length).toBeLessThan(1024);
    for (const level of ['basic', 'all'] as const) {
      const start = performance.now();
      const session = await InferenceSession.create(bytes, { graphOptimizationLevel: level, maxTensorBytes: 256 * MiB });
      expect(performance.now() - start).toBeLessThan(2000);
      // the Tile was left for run time, where the run's limit refuses it
      expect(session.nodePlacement.map((p) => p.opType)).toContain('Tile');
      await expect(session.run({ y: f32([1]) })).rejects.toThrow(/Tile: a float32 tensor of shape \[268435456\]/);
    }
  });

  it('a memory bomb of a few hundred bytes from an initializer creates a session at once and fails its run', async () => {
    const b = new GraphBuilder();
    b.node('ConstantOfShape', [b.initializer('shape', i64([1e6, 1e6, 1e6]))], {}, { outputs: ['y'] });
    b.output('y', 'float32');
    const start = performance.now();
    const session = await InferenceSession.create(encodeModel(b.model()));
    expect(performance.now() - start).toBeLessThan(2000);
    await expect(session.run({})).rejects.toThrow(/ConstantOfShape: a float32 tensor of shape \[1000000,1000000,1000000\]/);
  });

  it('the budget is 64 MiB, or maxTensorBytes when smaller; small constants still fold', async () => {
    expect(foldBudgetBytes({ ...defaultLimits() })).toBe(FOLD_BUDGET_BYTES);
    expect(foldBudgetBytes({ ...defaultLimits(), maxTensorBytes: MiB })).toBe(MiB);
    const b = new GraphBuilder();
    const t = b.op('Tile', [b.initializer('x', f32([1, 2])), b.initializer('reps', i64([4]))]);
    b.output(b.op('Add', [t, b.input('y', 'float32', [1])]), 'float32');
    const session = await InferenceSession.create(encodeModel(b.model()));
    expect(session.nodePlacement.map((p) => p.opType)).not.toContain('Tile');
  });
});
