// Profiles in onnxruntime's Chrome-trace format: checked structurally, as Perfetto and
// chrome://tracing read it (an array of complete "X" events with numeric µs ts/dur), with
// onnxruntime's event names and node args.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import type { TraceEvent } from '../../src/session/profiler.js';

function model(): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2, 3]);
  const w = b.initializer('w', new Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]));
  const y = b.op('MatMul', [x, w], {}, 'mm');
  b.output(b.op('Relu', [y], {}, 'act'), 'float32');
  return encodeModel(b.model({ '': 13 }));
}

const feeds = { x: new Tensor('float32', Float32Array.from([1, -1, 2, 0, 1, -3]), [2, 3]) };

/** What a trace viewer needs of every event. */
function checkTraceStructure(events: unknown): asserts events is TraceEvent[] {
  expect(Array.isArray(events)).toBe(true);
  for (const e of events as TraceEvent[]) {
    expect(Object.keys(e).sort()).toEqual(['args', 'cat', 'dur', 'name', 'ph', 'pid', 'tid', 'ts']);
    expect(e.ph).toBe('X');
    expect(['Session', 'Node']).toContain(e.cat);
    for (const k of ['ts', 'dur', 'pid', 'tid'] as const) expect(Number.isInteger(e[k]) && e[k] >= 0, `${e.name}.${k}`).toBe(true);
  }
}

function readTrace(file: string): TraceEvent[] {
  const events = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  checkTraceStructure(events);
  return events;
}

describe('profiling', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-profile-'));

  it('writes onnxruntime-style session and node events from creation to endProfiling()', async () => {
    const prefix = path.join(dir, 'mm');
    const s = await InferenceSession.create(model(), { enableProfiling: true, profileFilePrefix: prefix, graphOptimizationLevel: 'disabled' });
    await s.run(feeds);
    await s.run(feeds, { tag: 'second' });
    const file = s.endProfiling();
    expect(file.startsWith(`${prefix}_`) && file.endsWith('.json')).toBe(true);
    const events = readTrace(file);
    expect(events.filter((e) => e.cat === 'Session').map((e) => e.name)).toEqual(['model_loading_array', 'session_initialization', 'model_run', 'model_run']);
    const nodes = events.filter((e) => e.cat === 'Node');
    expect(nodes.map((e) => e.name)).toEqual(['mm_kernel_time', 'act_kernel_time', 'mm_kernel_time', 'act_kernel_time']);
    expect(nodes[0].args).toMatchObject({
      op_name: 'MatMul', provider: 'wasm', kernel: 'wasm', node_index: '0',
      activation_size: String(6 * 4), parameter_size: String(6 * 4), output_size: String(4 * 4),
      input_type_shape: [{ float: [2, 3] }, { float: [3, 2] }], output_type_shape: [{ float: [2, 2] }],
    });
    // events follow one another in time, each run after the session's creation
    const runs = events.filter((e) => e.name === 'model_run');
    expect(runs[0].ts).toBeGreaterThanOrEqual(events[1].ts + events[1].dur);
    expect(nodes[2].ts).toBeGreaterThanOrEqual(runs[0].ts + runs[0].dur);
    expect(runs[1].args).toMatchObject({ tag: 'second', ok: true });
  });

  it('records nothing until startProfiling(), and only runs after it', async () => {
    const s = await InferenceSession.create(model(), { profileFilePrefix: path.join(dir, 'later'), graphOptimizationLevel: 'disabled' });
    await s.run(feeds);
    s.startProfiling();
    await s.run(feeds);
    const events = readTrace(s.endProfiling());
    expect(events.map((e) => e.name)).toEqual(['mm_kernel_time', 'act_kernel_time', 'model_run']);
    // the reference provider's nodes say so
    const ref = await InferenceSession.create(model(), { executionProviders: ['js'], profileFilePrefix: path.join(dir, 'ref'), graphOptimizationLevel: 'disabled' });
    ref.startProfiling();
    await ref.run(feeds);
    expect(readTrace(ref.endProfiling()).filter((e) => e.cat === 'Node').map((e) => e.args.kernel)).toEqual(['reference', 'reference']);
  });

  it('marks a node whose provider fell back to the reference kernel', async () => {
    const b = new GraphBuilder();
    b.output(b.op('Softmax', [b.input('x', 'float32', [2, 3])], { axis: 0 }, 'sm'), 'float32');
    const s = await InferenceSession.create(encodeModel(b.model({ '': 13 })), { profileFilePrefix: path.join(dir, 'fb') });
    s.startProfiling();
    await s.run(feeds);
    const [node] = readTrace(s.endProfiling()).filter((e) => e.cat === 'Node');
    expect(node.args).toMatchObject({ op_name: 'Softmax', provider: 'wasm', kernel: 'reference fallback' });
  });
});
