// Without a usable GPU the 'gpu' provider must never break a session: one warning line (at the
// session's logSeverityLevel) and the next provider runs everything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession } from '../../src/index.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { createGpuProvider } from '../../src/providers/gpu/provider.js';

function reluModel(): Uint8Array {
  const b = new GraphBuilder();
  b.output(b.op('Relu', [b.input('x', 'float32', [3])]), 'float32');
  return encodeModel(b.model({ '': 13 }));
}

const feeds = { x: new Tensor('float32', Float32Array.from([-1, 0, 2]), [3]) };

afterEach(() => vi.restoreAllMocks());

describe('GPU detection and fallback', () => {
  it('falls back to the CPU with one warning when the requested GPU mode has no device', async () => {
    // headless-gl's native `gl` module is not installed here (and never reaches a GPU in CI)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(reluModel(), { executionProviders: [{ name: 'gpu', mode: 'headlessgl' }, 'js'] });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^gpu: no GPU adapter \(headlessgl: .+\); falling back$/);
    expect(session.nodePlacement.map((p) => p.provider)).toEqual(['cpu']);
    const out = await session.run(feeds);
    expect(Array.from((out[session.outputNames[0]] as Tensor).data as Float32Array)).toEqual([0, 0, 2]);
  });

  it('respects logSeverityLevel (errors only: no warning)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(reluModel(), { executionProviders: [{ name: 'gpu', mode: 'headlessgl' }], logSeverityLevel: 3 });
    expect(warn).not.toHaveBeenCalled();
    expect(session.nodePlacement[0].provider).toBe('cpu');
  });

  // One outcome per environment, declared rather than observed: CI and machines without a GPU
  // expect the fallback; the GPU machine's script sets ONNX_TS_EXPECT_GPU=1 and expects the device.
  const expectGpu = process.env.ONNX_TS_EXPECT_GPU === '1';
  it(expectGpu ? "'gpu' (auto) finds the GPU this environment declares (ONNX_TS_EXPECT_GPU=1)" : "'gpu' (auto) falls back with the reason where no GPU is declared", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(reluModel(), { executionProviders: ['gpu', 'js'] });
    if (expectGpu) {
      expect(warn).not.toHaveBeenCalled();
      expect(session.nodePlacement[0].provider).toBe('gpu');
    } else {
      expect(session.nodePlacement[0].provider, 'a GPU was found: set ONNX_TS_EXPECT_GPU=1 where one is expected').toBe('cpu');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/^gpu: no GPU adapter \(webgpu: .+\); falling back$/);
    }
    const out = await session.run(feeds);
    expect(Array.from((out[session.outputNames[0]] as Tensor).data as Float32Array)).toEqual([0, 0, 2]);
  });

  it('rejects an unknown mode', () => {
    expect(() => createGpuProvider({ name: 'gpu', mode: 'quantum' })).toThrow(InvalidInputError);
  });
});
