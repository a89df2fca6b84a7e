// Load and soak: several sessions of different models in one process, each with many runs in
// flight at once, for a while. Every output must be bit-identical to the same feeds run
// serially; resident memory is sampled (start after warm-up, peak, end); an unhandled
// rejection fails the soak. Also create/run/release cycles, for memory that a release leaves.
// The CLI is bench/soak.ts (npm run soak); test/robustness/soak.test.ts runs a short one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel } from '../graph/encode-model.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import type { Graph } from '../graph/ir.js';
import { InferenceSession, type OnnxValue, type SessionOptions, Tensor } from '../src/index.js';
import { Prng } from '../fuzz/prng.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SoakModel { name: string; bytes: Uint8Array }

export interface SoakOptions {
  /** How long the concurrent phase lasts. */
  seconds: number;
  /** How many sessions (models), at most 8 + the shared models found. */
  sessions: number;
  /** Runs in flight per session at any time. */
  concurrency: number;
  /** Distinct feed sets per model, each checked against its serial reference. */
  feedSets?: number;
  /** Whether to use the shared models (../shared/models) where they exist (default true). */
  shared?: boolean;
  sessionOptions?: SessionOptions;
  log?: (line: string) => void;
}

export interface SoakReport {
  models: { name: string; runs: number; mismatches: number; errors: number }[];
  runs: number;
  mismatches: number;
  errors: number;
  unhandledRejections: number;
  firstProblem?: string;
  rssMiB: { start: number; peak: number; end: number };
  seconds: number;
}

const f32 = (rng: Prng, dims: number[], scale = 1) => new Tensor('float32', Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => (rng.next() * 2 - 1) * scale), dims);
const i64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v, BigInt), [v.length]);

function body(name: string, build: (g: GraphBuilder) => void): Graph {
  const g = new GraphBuilder(name);
  build(g);
  return g.graph();
}

/** Small generated models covering the op families: control flow (first: its loop yields, so runs interleave), dense, conv, attention, elementwise, recurrent, shape ops. */
function generatedModels(): SoakModel[] {
  const rng = new Prng(19);
  const models: [string, (b: GraphBuilder) => void][] = [
    ['loop-scan', (b) => {
      const loopBody = body('body', (g) => {
        g.input('i', 'int64', []);
        g.input('cond_in', 'bool', []);
        g.input('v', 'float32', [8]);
        g.node('Identity', ['cond_in'], {}, { outputs: ['cond_out'] });
        g.node('Tanh', [g.op('Add', ['v', 'x'])], {}, { outputs: ['v_out'] });
        g.node('Mul', ['v_out', 'v_out'], {}, { outputs: ['scan'] });
        g.output('cond_out');
        g.output('v_out');
        g.output('scan', 'float32', [8]);
      });
      b.input('x', 'float32', [8]);
      b.initializer('M', new Tensor('int64', BigInt64Array.of(16n), []));
      b.initializer('v0', f32(rng, [8]));
      b.node('Loop', ['M', '', 'v0'], { body: loopBody }, { outputs: ['v_final', 'scans'] });
      const padded = b.op('Pad', ['scans', b.initializer('pads', i64([1, 1, 1, 1]))], { mode: 'reflect' });
      b.output('v_final', 'float32');
      b.output(b.op('Resize', [b.op('Unsqueeze', [padded, b.initializer('axes', i64([0, 1]))]), '', b.initializer('scales', new Tensor('float32', Float32Array.of(1, 1, 2, 2), [4]))], { mode: 'linear' }), 'float32');
    }],
    ['mlp', (b) => {
      const h = b.op('Relu', [b.op('Add', [b.op('MatMul', [b.input('x', 'float32', [4, 64]), b.initializer('w1', f32(rng, [64, 128], 0.2))]), b.initializer('b1', f32(rng, [128]))])]);
      b.output(b.op('Softmax', [b.op('MatMul', [h, b.initializer('w2', f32(rng, [128, 10], 0.2))])], { axis: -1 }), 'float32');
    }],
    ['conv-pool', (b) => {
      const c1 = b.op('Relu', [b.op('Conv', [b.input('x', 'float32', [1, 3, 32, 32]), b.initializer('w1', f32(rng, [8, 3, 3, 3], 0.3)), b.initializer('b1', f32(rng, [8]))], { pads: [1, 1, 1, 1] })]);
      const p = b.op('MaxPool', [c1], { kernel_shape: [2, 2], strides: [2, 2] });
      const c2 = b.op('Relu', [b.op('Conv', [p, b.initializer('w2', f32(rng, [16, 8, 3, 3], 0.2))], { pads: [1, 1, 1, 1], group: 1 })]);
      b.output(b.op('Flatten', [b.op('GlobalAveragePool', [c2])]), 'float32');
    }],
    ['attention', (b) => {
      const x = b.input('x', 'float32', [1, 16, 32]);
      const proj = (n: string) => b.op('MatMul', [x, b.initializer(n, f32(rng, [32, 32], 0.2))]);
      const scores = b.op('Softmax', [b.op('Div', [b.op('MatMul', [proj('wq'), b.op('Transpose', [proj('wk')], { perm: [0, 2, 1] })]), b.initializer('scale', new Tensor('float32', Float32Array.of(5.66), [1]))])], { axis: -1 });
      const y = b.op('Add', [b.op('MatMul', [scores, proj('wv')]), x]);
      b.output(b.op('LayerNormalization', [y, b.initializer('g', f32(rng, [32])), b.initializer('beta', f32(rng, [32]))], { axis: -1 }), 'float32');
    }],
    ['elementwise-reduce', (b) => {
      const x = b.input('x', 'float32', [8, 256]);
      const e = b.op('Exp', [x]);
      const s = b.op('ReduceSum', [e, b.initializer('axes', i64([1]))], { keepdims: 1 });
      const sm = b.op('Div', [e, s]);
      const gelu = b.op('Mul', [x, b.op('Erf', [x])]);
      b.output(b.op('Where', [b.op('Greater', [x, b.initializer('zero', new Tensor('float32', Float32Array.of(0), []))]), sm, gelu]), 'float32');
      b.output(b.op('CumSum', [x, b.initializer('axis', new Tensor('int64', BigInt64Array.of(1n), []))]), 'float32');
    }],
    ['gru', (b) => {
      const [y] = b.node('GRU', [b.input('x', 'float32', [6, 1, 16]), b.initializer('w', f32(rng, [1, 48, 16], 0.3)), b.initializer('r', f32(rng, [1, 48, 16], 0.3))], { hidden_size: 16 }, { outputs: 2 });
      b.output(y, 'float32');
    }],
    ['shape-ops', (b) => {
      const x = b.input('x', 'float32', [2, 3, 4]);
      const t = b.op('Tile', [x, b.initializer('reps', i64([1, 2, 1]))]);
      const e = b.op('Expand', [b.op('ReduceMean', [t, b.initializer('axes', i64([2]))], { keepdims: 1 }), b.initializer('shape', i64([2, 6, 4]))]);
      const c = b.op('Concat', [t, e], { axis: 2 });
      const [s1] = b.node('Split', [c, b.initializer('split', i64([3, 5]))], { axis: 2 }, { outputs: 2 });
      b.output(b.op('Transpose', [b.op('Gather', [s1, b.initializer('idx', i64([5, 0, 3]))], { axis: 1 })], { perm: [2, 0, 1] }), 'float32');
    }],
  ];
  return models.map(([name, build]) => {
    const b = new GraphBuilder(name);
    build(b);
    return { name, bytes: encodeModel(b.model({ '': 17 })) };
  });
}

/** The bundled model, the shared models that exist (small ones), then generated ones, `count` in all. */
export function soakModels(count: number, useShared = true): SoakModel[] {
  const out: SoakModel[] = [{ name: 'tiny-color-cnn (bundled)', bytes: fs.readFileSync(path.join(repoRoot, 'models', 'tiny-color-cnn.onnx')) }];
  const shared = process.env.ONNX_TS_MODELS ?? path.resolve(repoRoot, '..', 'shared', 'models');
  for (const m of ['squeezenet1_1', 'mobilenet_v2', 'transformer-encoder']) {
    const f = path.join(shared, m, 'model.onnx');
    if (useShared && out.length < count && fs.existsSync(f)) out.push({ name: m, bytes: fs.readFileSync(f) });
  }
  for (const g of generatedModels()) if (out.length < count) out.push(g);
  return out;
}

/** Feeds from a session's input metadata (symbolic dims read as 1), seeded. */
function feedsFor(session: InferenceSession, rng: Prng): Record<string, OnnxValue> {
  const feeds: Record<string, OnnxValue> = {};
  for (const m of session.inputMetadata) {
    const dims = (m.shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
    if (m.type === 'int64') feeds[m.name] = new Tensor('int64', BigInt64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => BigInt(rng.int(8))), dims);
    else feeds[m.name] = f32(rng, dims);
  }
  return feeds;
}

function outputBytes(outputs: Record<string, OnnxValue>, names: readonly string[]): Buffer[] {
  return names.map((n) => {
    const t = outputs[n] as Tensor;
    const d = t.data as ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
    return Buffer.concat([Buffer.from(JSON.stringify(t.dims)), Buffer.from(d.buffer, d.byteOffset, d.byteLength)]);
  });
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const log = o.log ?? (() => {});
  let unhandled = 0;
  let firstProblem: string | undefined;
  const onUnhandled = (reason: unknown) => {
    unhandled++;
    firstProblem ??= `unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`;
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    const models = soakModels(o.sessions, o.shared ?? true);
    const feedSets = o.feedSets ?? 4;
    const rng = new Prng(2028);
    // serial references first: one run at a time, nothing else in flight
    const entries: { model: SoakModel; session: InferenceSession; feeds: Record<string, OnnxValue>[]; expected: Buffer[][]; runs: number; mismatches: number; errors: number }[] = [];
    for (const m of models) {
      const session = await InferenceSession.create(m.bytes, o.sessionOptions);
      const feeds = Array.from({ length: feedSets }, () => feedsFor(session, rng));
      const expected: Buffer[][] = [];
      for (const f of feeds) expected.push(outputBytes(await session.run(f), session.outputNames));
      entries.push({ model: m, session, feeds, expected, runs: 0, mismatches: 0, errors: 0 });
      log(`  ${m.name}: ${session.inputNames.length} inputs, ${session.outputNames.length} outputs, reference runs done`);
    }
    const start = rssMiB();
    let peak = start;
    const sampler = setInterval(() => { peak = Math.max(peak, rssMiB()); }, 100);
    const deadline = performance.now() + o.seconds * 1000;
    const began = performance.now();
    let nextLog = began + 10_000;
    // each session keeps `concurrency` runs in flight until the deadline
    await Promise.all(entries.map((e) => Promise.all(Array.from({ length: o.concurrency }, async (_, lane) => {
      let k = lane;
      while (performance.now() < deadline) {
        const i = k++ % feedSets;
        try {
          const got = outputBytes(await e.session.run(e.feeds[i]), e.session.outputNames);
          e.runs++;
          if (got.some((b, j) => !b.equals(e.expected[i][j]))) {
            e.mismatches++;
            firstProblem ??= `${e.model.name}: feed set ${i} gave different bytes than its serial run`;
          }
        } catch (err) {
          e.errors++;
          firstProblem ??= `${e.model.name}: ${(err as Error).message}`;
        }
        // as a server between requests: let timers and I/O (and loops that yield) have their turn
        await new Promise((resolve) => setImmediate(resolve));
        if (performance.now() > nextLog) {
          nextLog += 10_000;
          log(`  ${((performance.now() - began) / 1000).toFixed(0)} s: ${entries.reduce((s, x) => s + x.runs, 0)} runs, rss ${rssMiB()} MiB (peak ${peak})`);
        }
      }
    }))));
    clearInterval(sampler);
    const seconds = (performance.now() - began) / 1000;
    for (const e of entries) await e.session.release();
    (globalThis as { gc?: () => void }).gc?.();
    const end = rssMiB();
    peak = Math.max(peak, end);
    const perModel = entries.map((e) => ({ name: e.model.name, runs: e.runs, mismatches: e.mismatches, errors: e.errors }));
    const sum = (k: 'runs' | 'mismatches' | 'errors') => perModel.reduce((s, m) => s + m[k], 0);
    return {
      models: perModel, runs: sum('runs'), mismatches: sum('mismatches'), errors: sum('errors'),
      unhandledRejections: unhandled, firstProblem, rssMiB: { start, peak, end }, seconds,
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}

export interface CycleReport { cycles: number; rssMiB: number[]; seconds: number }

/** `cycles` create/run/release cycles over the soak models, RSS sampled ten times. */
export async function runCycles(cycles: number, sessions: number, sessionOptions: SessionOptions | undefined, log: (line: string) => void = () => {}): Promise<CycleReport> {
  const models = soakModels(sessions);
  const rng = new Prng(7);
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: number[] = [];
  const began = performance.now();
  const every = Math.max(1, Math.floor(cycles / 10));
  for (let i = 1; i <= cycles; i++) {
    const m = models[i % models.length];
    const s = await InferenceSession.create(m.bytes, sessionOptions);
    await s.run(feedsFor(s, rng));
    await s.release();
    if (i % every === 0 || i === cycles) {
      gc?.();
      samples.push(rssMiB());
      log(`  cycle ${i}: rss ${samples.at(-1)} MiB (${((performance.now() - began) / 1000).toFixed(0)} s)`);
    }
  }
  return { cycles, rssMiB: samples, seconds: (performance.now() - began) / 1000 };
}
