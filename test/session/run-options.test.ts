// RunOptions as onnxruntime reads them: terminate (and an AbortSignal) stop a run between nodes
// with a typed error and leave the session usable; logSeverityLevel and tag shape the run's logs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, RunTerminatedError, Tensor } from '../../src/index.js';

function chainModel(): Uint8Array {
  const b = new GraphBuilder();
  let v = b.input('x', 'float32', [4]);
  for (let i = 0; i < 3; i++) v = b.op('Relu', [v], {}, `relu${i}`);
  b.output(v, 'float32');
  return encodeModel(b.model({ '': 13 }));
}

const feeds = { x: new Tensor('float32', Float32Array.from([-1, 0, 1, 2]), [4]) };

afterEach(() => vi.restoreAllMocks());

describe('RunOptions', () => {
  it('terminate stops the run before its first node, and the session runs again afterwards', async () => {
    const s = await InferenceSession.create(chainModel());
    await expect(s.run(feeds, { terminate: true })).rejects.toThrow(RunTerminatedError);
    await expect(s.run(feeds, { terminate: true })).rejects.toThrow(/terminated before node "relu0" \(RunOptions.terminate\)/);
    const out = await s.run(feeds);
    expect(Array.from((out[s.outputNames[0]] as Tensor).data as Float32Array)).toEqual([0, 0, 1, 2]);
  });

  it('terminate set while the run is in flight stops it at the next node', async () => {
    const s = await InferenceSession.create(chainModel(), { logSeverityLevel: 0 });
    const options = { terminate: false };
    // the verbose per-node line is written after each node: flip the flag from there
    vi.spyOn(console, 'debug').mockImplementation(() => { options.terminate = true; });
    vi.spyOn(console, 'info').mockImplementation(() => {});
    await expect(s.run(feeds, options)).rejects.toThrow(/before node "relu1"/);
  });

  it('an aborted signal stops the run with its reason; fetches and options may come together', async () => {
    const s = await InferenceSession.create(chainModel());
    const ac = new AbortController();
    ac.abort('user cancelled');
    await expect(s.run(feeds, s.outputNames, { signal: ac.signal })).rejects.toThrow(/signal aborted: user cancelled/);
  });

  it('logs one summary line at info, and a line per node at verbose, named by the tag', async () => {
    const s = await InferenceSession.create(chainModel());
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    await s.run(feeds);
    expect(info).not.toHaveBeenCalled();
    await s.run(feeds, { logSeverityLevel: 1, tag: 'warmup' });
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0][0])).toMatch(/^onnx-ts run "warmup": done in [\d.]+ ms, 3 nodes$/);
    expect(debug).not.toHaveBeenCalled();
    await s.run(feeds, { logSeverityLevel: 0 });
    expect(debug.mock.calls.map((c) => String(c[0]).replace(/[\d.]+ ms/, 'T'))).toEqual(
      [0, 1, 2].map((i) => `onnx-ts run: node "relu${i}" (Relu) on wasm: T`),
    );
  });
});
