// Runs writing into the static plan's arena and the buffer pool: results equal runs without
// either, outputs handed to the caller never change afterwards, and concurrent runs do not
// share memory.
import { describe, expect, it, vi } from 'vitest';
import { WasmHeap } from '../../kernels/wasm/wasm-heap.js';
import { loadWasmBinaries, sharedWasmKernels } from '../../kernels/wasm/wasm-module.js';
import { ResourceLimitError } from '../../data/errors.js';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue, Tensor } from '../../src/index.js';
import { randomTensorData } from '../passes/pass-harness.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

const PROVIDERS = ['js', 'wasm'] as const;
const input = (seed: number, dims = [2, 3, 8, 8]) => new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed), dims);

/** A small conv net: convolutions, in-place element-wise ops, a residual, pooling, a reshape at the end. */
function convNet(): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2, 3, 8, 8]);
  const w1 = b.initializer('w1', new Tensor('float32', randomTensorData(4 * 3 * 9, 11), [4, 3, 3, 3]));
  const w2 = b.initializer('w2', new Tensor('float32', randomTensorData(4 * 4 * 9, 12), [4, 4, 3, 3]));
  const c1 = b.op('Relu', [b.op('Conv', [x, w1], { pads: [1, 1, 1, 1] })]);
  const c2 = b.op('Conv', [c1, w2], { pads: [1, 1, 1, 1] });
  const sum = b.op('Sigmoid', [b.op('Add', [c2, c1])]);
  const pooled = b.op('MaxPool', [sum], { kernel_shape: [2, 2], strides: [2, 2] });
  const shape = b.initializer('shape', new Tensor('int64', BigInt64Array.from([2n, -1n]), [2]));
  b.output(b.op('Reshape', [b.op('Neg', [pooled]), shape], {}, 'flat'), 'float32');
  // a second output that is a view of an intermediate
  const side = b.op('Exp', [pooled]);
  b.output(b.op('Reshape', [side, shape], {}, 'side'), 'float32');
  return encodeModel(b.model({ '': 17 }));
}

async function runBoth(model: Uint8Array, feeds: Record<string, OnnxValue>, ep: string, level: 'basic' | 'all' = 'all') {
  const planned = await InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: level });
  const plain = await InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: level, enableMemPattern: false, enableCpuMemArena: false });
  return { planned, plain, expected: await plain.run(feeds) };
}

/** How many values each run writes into their own planned slot: all but the views. */
function slotsPerRun(session: InferenceSession): number {
  const p = session.memoryPlan;
  return p.buffers.reduce((n, b) => n + b.values.length, 0) - p.viewNodes;
}

function expectClose(actual: Record<string, OnnxValue>, expected: Record<string, OnnxValue>): void {
  for (const name of Object.keys(expected)) expect(compareValues(actual[name], expected[name], { rtol: 0, atol: 0 }, name)).toBeUndefined();
}

describe.each(PROVIDERS)('planned memory (%s)', (ep) => {
  it.each(['basic', 'all'] as const)('computes what a run without the plan computes, writing every intermediate into the arena (level %s)', async (level) => {
    const model = convNet();
    const { planned, expected } = await runBoth(model, { x: input(1) }, ep, level);
    expectClose(await planned.run({ x: input(1) }), expected);
    expect(planned.memoryStats.arenaOutputs).toBe(slotsPerRun(planned));
    expect(planned.memoryStats.copiedOutputs).toBe(0);
    if (level === 'basic') expect(planned.memoryPlan.inPlaceNodes).toBeGreaterThanOrEqual(2); // Relu, Add, Sigmoid
  });

  it('leaves outputs already returned untouched by later runs', async () => {
    const model = convNet();
    const { planned, plain } = await runBoth(model, { x: input(1) }, ep);
    const first = await planned.run({ x: input(1) });
    const firstCopy = Object.fromEntries(Object.entries(first).map(([k, v]) => [k, new Tensor((v as Tensor).type, ((v as Tensor).data as Float32Array).slice(), (v as Tensor).dims)]));
    await planned.run({ x: input(2) });
    await planned.run({ x: input(3) });
    expectClose(first, firstCopy);
    expectClose(await planned.run({ x: input(2) }), await plain.run({ x: input(2) }));
    for (const v of Object.values(first)) expect(((v as Tensor).data as Float32Array).buffer.byteLength).toBe(((v as Tensor).data as Float32Array).byteLength);
  });

  it('gives concurrent runs their own memory', async () => {
    const model = convNet();
    const { planned, plain } = await runBoth(model, { x: input(1) }, ep);
    const seeds = [1, 2, 3, 4, 5, 6];
    const results = await Promise.all(seeds.map((s) => planned.run({ x: input(s) })));
    for (let i = 0; i < seeds.length; i++) expectClose(results[i], await plain.run({ x: input(seeds[i]) }));
  });

  it('plans each input shape of a dynamic-batch model separately', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['batch', 16]);
    const w = b.initializer('w', new Tensor('float32', randomTensorData(16 * 16, 5), [16, 16]));
    b.output(b.op('Tanh', [b.op('Relu', [b.op('MatMul', [b.op('Sin', [x]), w])])]), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    const { planned, plain } = await runBoth(model, { x: input(1, [1, 16]) }, ep);
    for (const batch of [1, 3, 1, 7]) {
      const feeds = { x: input(batch, [batch, 16]) };
      expectClose(await planned.run(feeds), await plain.run(feeds));
    }
    expect(planned.memoryStats.arenaOutputs).toBe(4 * slotsPerRun(planned));
  });
});

describe('memory of values the plan cannot place', () => {
  it('reuses pooled buffers for shapes known only at run time', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [64]);
    const idx = b.op('NonZero', [b.op('Relu', [x])]); // how many are positive is data
    const gathered = b.op('Gather', [x, b.op('Squeeze', [idx, b.initializer('ax', new Tensor('int64', [0n], [1]))])]);
    b.output(b.op('Sin', [b.op('Exp', [b.op('Sin', [gathered])])]), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    const feeds = (s: number) => ({ x: input(s, [64]) });
    const { planned, plain } = await runBoth(model, feeds(1), 'js');
    for (const s of [1, 2, 3, 1]) expectClose(await planned.run(feeds(s)), await plain.run(feeds(s)));
    const stats = planned.memoryStats;
    expect(stats.pooledOutputs).toBeGreaterThan(0);
    expect(stats.pooledReused).toBeGreaterThan(0);
  });

  it('copies a kernel\'s view of an arena value out before the value\'s memory is reused', async () => {
    // Slice over whole rows returns a view of its input: the arena slot under it dies with
    // the input, so the view must not stay there
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [8, 16]);
    const a = b.op('Sin', [x]);
    const int64 = (v: bigint[]) => new Tensor('int64', BigInt64Array.from(v), [v.length]);
    const rows = b.op('Slice', [a, b.initializer('s', int64([2n])), b.initializer('e', int64([6n])), b.initializer('ax', int64([0n]))]);
    const other = b.op('Cos', [b.op('Cos', [x])]); // takes a's memory once a is dead
    const tail = b.op('Cos', [other]);
    b.output(b.op('Add', [rows, b.op('Slice', [tail, 's', 'e', 'ax'])]), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    const feeds = { x: input(4, [8, 16]) };
    const { planned, expected } = await runBoth(model, feeds, 'js');
    expectClose(await planned.run(feeds), expected);
    expect(planned.memoryStats.copiedOutputs).toBeGreaterThan(0);
  });

  it('keeps sequences free of arena memory', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [4, 4]);
    const a = b.op('Sin', [x]);
    const seq = b.op('SequenceConstruct', [a, b.op('Cos', [x])]);
    b.op('Exp', [b.op('Exp', [x])]);
    b.output(seq);
    b.output(b.op('Tanh', [b.op('Tanh', [b.op('Exp', [x])])]), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    const feeds = { x: input(9, [4, 4]) };
    const { planned, expected } = await runBoth(model, feeds, 'js');
    const first = await planned.run(feeds);
    await planned.run({ x: input(10, [4, 4]) });
    expectClose(first, expected);
  });
});

describe('the arena in wasm linear memory', () => {
  it('lets the wasm kernels read intermediates in place instead of copying them in', async () => {
    const model = convNet();
    const { planned, plain, expected } = await runBoth(model, { x: input(1) }, 'wasm', 'basic');
    const copiesIn = async (s: InferenceSession) => {
      const spy = vi.spyOn(WasmHeap.prototype, 'allocF32');
      try {
        expectClose(await s.run({ x: input(1) }), expected);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const withArena = await copiesIn(planned), without = await copiesIn(plain);
    // the graph input still goes in once; each intermediate a wasm kernel reads no longer does
    expect(withArena).toBeLessThan(without - 3);
  });
});

describe('memory plan edge cases', () => {
  it('zero-fills 64-bit integer outputs it hands out (BigInt arrays)', async () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'int64', [3, 4]);
    const w = b.initializer('w', new Tensor('int64', BigInt64Array.from({ length: 16 }, (_, i) => BigInt(i - 7)), [4, 4]));
    b.output(b.op('MatMul', [b.op('MatMul', [a, w]), w]), 'int64');
    const model = encodeModel(b.model({ '': 17 }));
    const feeds = (k: number) => ({ a: new Tensor('int64', BigInt64Array.from({ length: 12 }, (_, i) => BigInt((i * k) % 5 - 2)), [3, 4]) });
    const { planned, plain } = await runBoth(model, feeds(1), 'js');
    for (const k of [1, 2, 3]) expectClose(await planned.run(feeds(k)), await plain.run(feeds(k)));
    expect(planned.memoryStats.arenaOutputs).toBeGreaterThan(0);
  });

  it('keeps a bounded set of idle arenas while plans are dropped from the cache, even with runs in flight', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['n', 64]);
    b.output(b.op('Relu', [b.op('Softmax', [b.op('Add', [b.op('Relu', [x]), x])])]), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    const s = await InferenceSession.create(model, { executionProviders: ['wasm'] });
    const heapUsed = () => sharedWasmKernels()?.heap.used ?? 0;
    const round = () => Promise.all(Array.from({ length: 12 }, (_, i) => s.run({ x: input(i, [i + 1, 64]) })));
    // the idle arenas settle on the largest sizes (with headroom) within a few rounds
    for (let i = 0; i < 4; i++) await round();
    const settled = heapUsed();
    for (let i = 0; i < 3; i++) await round(); // 12 shapes, 8 plans cached: every round evicts
    expect(heapUsed()).toBe(settled);
    await s.release();
  });

  it('makes a plan per new shape but an arena only when a run outgrows the idle ones (a decoder whose past grows)', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['n', 64]);
    b.output(b.op('Relu', [b.op('Softmax', [b.op('Add', [b.op('Relu', [x]), x])])]), 'float32');
    const { planned, plain } = await runBoth(encodeModel(b.model({ '': 17 })), { x: input(0, [1, 64]) }, 'wasm');
    const steps = 200;
    for (let n = 1; n <= steps; n++) expectClose(await planned.run({ x: input(n, [n, 64]) }), await plain.run({ x: input(n, [n, 64]) }));
    const stats = planned.memoryStats;
    expect(stats.plansMade).toBe(steps);
    // growth by 1.25 from one row to 200: about log(200) / log(1.25) = 24 arenas, not 200
    expect(stats.arenasAllocated).toBeGreaterThan(1);
    expect(stats.arenasAllocated).toBeLessThan(30);
    expect(stats.arenaOutputs).toBeGreaterThan(0);
  });

  it('makes no arena holding a tensor over maxTensorBytes: the node reports the limit', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 1]);
    const shape = b.initializer('shape', new Tensor('int64', BigInt64Array.from([4096n, 4096n]), [2]));
    b.output(b.op('ReduceSum', [b.op('Expand', [b.op('Relu', [x]), shape])], { keepdims: 0 }), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    const s = await InferenceSession.create(model, { executionProviders: ['js'], maxTensorBytes: 2 ** 20 });
    expect(s.memoryPlan.arenaBytes).toBeGreaterThanOrEqual(64 * 2 ** 20);
    const before = process.memoryUsage().arrayBuffers;
    await expect(s.run({ x: input(1, [1, 1]) })).rejects.toThrow(ResourceLimitError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
  });

  it('runs an If whose branch returns an outer value as it is', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 8]);
    const c = b.input('c', 'bool', []);
    const a = b.op('Relu', [x]); // read by the branch only as its output
    const then = new GraphBuilder('then');
    then.output(a, 'float32');
    const other = new GraphBuilder('else');
    other.output(other.op('Neg', [x]), 'float32');
    const y = b.op('If', [c], { then_branch: then.graph(), else_branch: other.graph() });
    b.output(b.op('Add', [y, b.op('Sigmoid', [b.op('Mul', [x, x])])]), 'float32');
    const model = encodeModel(b.model({ '': 17 }));
    for (const level of ['basic', 'all'] as const) {
      const feeds = { x: input(3, [2, 8]), c: new Tensor('bool', new Uint8Array([1]), []) };
      const { planned, expected } = await runBoth(model, feeds, 'js', level);
      expectClose(await planned.run(feeds), expected);
      const relu = (feeds.x.data as Float32Array).map((v) => Math.max(v, 0));
      const sig = (feeds.x.data as Float32Array).map((v) => 1 / (1 + Math.exp(-v * v)));
      const got = (Object.values(expected)[0] as Tensor).data as Float32Array;
      got.forEach((v, i) => expect(v).toBeCloseTo(relu[i] + sig[i], 5));
    }
  });
});

