// onnx-ts in place of onnxruntime: feeds made with onnxruntime-common's Tensor (or any object
// of its shape), `env`, onnxruntime's execution provider names, and onnx-ts registered as a
// backend of onnxruntime-common itself. The onnxruntime-common tests use the copy installed
// with bench/reference or the transformers.js fixture, and are skipped where neither is.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { DeviceUnavailableError, InferenceSession, InvalidInputError, Tensor, env } from '../../src/index.js';
import { withEnvDefaults } from '../../src/env.js';
import { ONNX_TS_BACKEND_NAMES, registerOnnxTs } from '../../src/ort-backend.js';
import { selectProviders } from '../../src/providers/select-providers.js';
import { adoptForeignFeeds } from '../../src/session/foreign-tensor.js';

const commonFrom = ['bench/reference/package.json', 'test/transformers/fixture/package.json']
  .map((p) => path.resolve(p))
  .find((p) => fs.existsSync(path.join(path.dirname(p), 'node_modules', 'onnxruntime-common')));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ortCommon: any = commonFrom ? createRequire(commonFrom)('onnxruntime-common') : undefined;

/** y = x + 1 over float32 [batch, 3], and ids passed through (int64). */
function addOneModel(): Uint8Array {
  const b = new GraphBuilder();
  b.input('x', 'float32', ['batch', 3]);
  b.input('ids', 'int64', ['batch']);
  b.initializer('one', new Tensor('float32', new Float32Array([1]), []));
  b.node('Add', ['x', 'one'], {}, { outputs: ['y'] });
  b.node('Identity', ['ids'], {}, { outputs: ['ids_out'] });
  b.output('y', 'float32');
  b.output('ids_out', 'int64');
  return encodeModel(b.model());
}

/** A plain object of onnxruntime-common's Tensor shape. */
const lookalike = (type: string, data: unknown, dims: number[], location = 'cpu') => ({ type, data, dims, location, size: dims.reduce((p, d) => p * d, 1) });

describe('feeds of onnxruntime-common\'s Tensor shape', () => {
  it('runs a look-alike tensor, sharing its data, and returns our Tensor', async () => {
    const session = await InferenceSession.create(addOneModel());
    const x = new Float32Array([1, 2, 3, 4, 5, 6]);
    const out = await session.run({ x: lookalike('float32', x, [2, 3]), ids: lookalike('int64', new BigInt64Array([7n, 8n]), [2]) } as never);
    expect(out.y).toBeInstanceOf(Tensor);
    expect([...(out.y as Tensor).data as Float32Array]).toEqual([2, 3, 4, 5, 6, 7]);
    expect((out.ids_out as Tensor).data).toEqual(new BigInt64Array([7n, 8n]));
    const adopted = await adoptForeignFeeds({ x: lookalike('float32', x, [2, 3]) });
    expect((adopted.x as unknown as Tensor).data).toBe(x);
  });

  it('validates them as ours: wrong type, wrong rank and bad data name the input', async () => {
    const session = await InferenceSession.create(addOneModel());
    const ids = lookalike('int64', new BigInt64Array([1n]), [1]);
    await expect(session.run({ x: lookalike('float64', new Float64Array(3), [1, 3]), ids } as never)).rejects.toThrow(/Input "x" has type float64/);
    await expect(session.run({ x: lookalike('float32', new Float32Array(3), [3]), ids } as never)).rejects.toThrow(/Input "x" has rank 1/);
    const bad = session.run({ x: lookalike('float32', new Float32Array(2), [1, 3]), ids } as never);
    await expect(bad).rejects.toThrow(InvalidInputError);
    await expect(bad).rejects.toThrow(/Input "x" is not a valid float32 tensor \[1,3\]/);
  });

  it('downloads a tensor that lives elsewhere through getData()', async () => {
    const session = await InferenceSession.create(addOneModel());
    const onGpu = { type: 'float32', dims: [1, 3], location: 'gpu-buffer', getData: async () => new Float32Array([0, 1, 2]) };
    const out = await session.run({ x: onGpu, ids: lookalike('int64', new BigInt64Array([1n]), [1]) } as never);
    expect([...(out.y as Tensor).data as Float32Array]).toEqual([1, 2, 3]);
  });

  it('unpacks int4 from onnxruntime\'s two-per-byte layout', async () => {
    const { v } = await adoptForeignFeeds({ v: lookalike('int4', new Uint8Array([0x71, 0x0f]), [3]) });
    expect((v as unknown as Tensor).data).toEqual(new Int8Array([1, 7, -1]));
  });

  it.runIf(ortCommon)('runs feeds made with onnxruntime-common\'s own Tensor class', async () => {
    const session = await InferenceSession.create(addOneModel());
    const out = await session.run({
      x: new ortCommon.Tensor('float32', new Float32Array([0, 0, 1]), [1, 3]), ids: new ortCommon.Tensor('int64', new BigInt64Array([3n]), [1]),
    });
    expect([...(out.y as Tensor).data as Float32Array]).toEqual([1, 1, 2]);
  });

  it('outputs read like onnxruntime\'s: dims assignable, dispose(), location', async () => {
    const t = new Tensor('float32', new Float32Array(6), [2, 3]);
    (t as { dims: readonly number[] }).dims = [3, 2];
    expect(t.dims).toEqual([3, 2]);
    expect(t.location).toBe('cpu');
    expect(() => t.dispose()).not.toThrow();
  });
});

describe('env', () => {
  afterEach(() => {
    env.logLevel = 'warning';
    delete env.wasm.numThreads;
  });

  it('has onnxruntime-common\'s shape, and no web version (nothing for transformers.js to fetch from a CDN)', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    expect(env.versions).toEqual({ common: '1.30.0', 'onnx-ts': pkg.version });
    expect(env.versions).not.toHaveProperty('web');
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['wasm', 'webgl', 'webgpu', 'versions', 'logLevel']));
    expect({ ...env }.logLevel).toBe('warning');
    env.wasm.proxy = false;
    env.wasm.wasmPaths = 'https://example.invalid/';
    env.webgpu.powerPreference = 'high-performance';
  });

  it('checks logLevel and makes it the default log severity of new sessions', () => {
    expect(() => { env.logLevel = 'loud' as never; }).toThrow(/Unsupported logging level/);
    env.logLevel = 'error';
    expect(withEnvDefaults({}).logSeverityLevel).toBe(3);
    expect(withEnvDefaults({ logSeverityLevel: 0 }).logSeverityLevel).toBe(0);
  });

  it('wasm.numThreads is the thread count of sessions that set none', () => {
    expect(withEnvDefaults({}).intraOpNumThreads).toBeUndefined();
    env.wasm.numThreads = 2;
    expect(withEnvDefaults({}).intraOpNumThreads).toBe(2);
    expect(withEnvDefaults({ intraOpNumThreads: 1 }).intraOpNumThreads).toBe(1);
    env.wasm.numThreads = 0;
    expect(withEnvDefaults({}).intraOpNumThreads).toBeUndefined();
  });
});

describe('registerBackend', () => {
  it('checks the backend as onnxruntime does, then says once per name that onnx-ts does not use it', async () => {
    const { registerBackend } = await import('../../src/index.js');
    expect(() => registerBackend('mine', {}, 1)).toThrow(TypeError);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backend = { init: async () => {}, createInferenceSessionHandler: async () => { throw new Error('never called'); } };
    registerBackend('mine', backend, 1);
    registerBackend('mine', backend, 2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^onnx-ts: registerBackend\('mine'\): .*not used$/);
    // sessions still run on onnx-ts's own providers, whatever was registered
    const session = await InferenceSession.create(addOneModel(), { executionProviders: ['wasm'] });
    expect(session.nodePlacement.map((p) => p.provider)).toEqual(['wasm', 'cpu']);
    warn.mockRestore();
  });
});

describe('env.webgl and env.webgpu', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('webgl.context: a DeviceUnavailableError in a host without canvases; else a context of contextId, made once', () => {
    expect(() => env.webgl.context).toThrow(DeviceUnavailableError);
    expect(() => env.webgl.context).toThrow(/no OffscreenCanvas or document/);
    expect(() => JSON.stringify({ ...env.webgl })).not.toThrow();
    const asked: string[] = [];
    vi.stubGlobal('OffscreenCanvas', class {
      getContext(id: string) {
        asked.push(id);
        return id === 'webgl' ? { kind: 'webgl context' } : null;
      }
    });
    expect(() => env.webgl.context).toThrow(/no 'webgl2' context/);
    env.webgl.contextId = 'webgl';
    const context = env.webgl.context;
    expect(context).toEqual({ kind: 'webgl context' });
    expect(env.webgl.context).toBe(context);
    expect(asked).toEqual(['webgl2', 'webgl']);
    delete env.webgl.contextId;
  });

  // declared per environment, as in test/gpu/gpu-detection.test.ts: CI has no WebGPU adapter
  const expectGpu = process.env.ONNX_TS_EXPECT_GPU === '1';
  it(expectGpu ? 'webgpu.device is the device the gpu provider computes on' : 'webgpu.device rejects with a DeviceUnavailableError where no adapter is declared', async () => {
    if (expectGpu) {
      const device = (await env.webgpu.device) as { createBuffer?: unknown };
      expect(typeof device.createBuffer).toBe('function');
      expect(await env.webgpu.device).toBe(device);
    } else {
      const error = await env.webgpu.device.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error).toMatchObject({ device: 'webgpu', message: expect.stringMatching(/^env.webgpu.device: no WebGPU device \(.+\)$/) });
    }
  });

  it('webgpu.device takes only a GPUDevice, reads it back, and says once that kernels stay on their own device', async () => {
    expect(() => { env.webgpu.device = { size: 4 } as never; }).toThrow(DeviceUnavailableError);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const device = { createBuffer() {}, queue: {} };
    env.webgpu.device = device as never;
    env.webgpu.device = device as never;
    expect(await env.webgpu.device).toBe(device);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^onnx-ts: env.webgpu.device: kept, but the gpu provider computes on the device gpu.js acquires itself/);
    warn.mockRestore();
  });
});

describe('execution provider names as in onnxruntime', () => {
  const names = (requested: Parameters<typeof selectProviders>[0]) => selectProviders(requested, { intraOpNumThreads: 1 }).map((p) => p.name);

  it("'cpu' and 'wasm' are the wasm kernels, 'js' the JavaScript reference alone", () => {
    expect(names(['cpu'])).toEqual(['wasm', 'cpu']);
    expect(names(['wasm'])).toEqual(['wasm', 'cpu']);
    expect(names(undefined)).toEqual(['wasm', 'cpu']);
    expect(names(['js'])).toEqual(['cpu']);
  });

  it("'webgpu' and 'webgl' are the gpu provider in that mode", () => {
    const [webgpu] = selectProviders(['webgpu']) as { name: string; mode?: string }[];
    const [webgl] = selectProviders([{ name: 'webgl' }]) as { name: string; mode?: string }[];
    expect([webgpu.name, webgpu.mode, webgl.name, webgl.mode]).toEqual(['gpu', 'webgpu', 'gpu', 'webgl']);
  });

  it("'webnn' and onnxruntime's other providers fall back with a warning; unknown names still throw", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const session = await InferenceSession.create(addOneModel(), { executionProviders: ['webnn', 'cuda', 'js'] });
      expect(new Set(session.nodePlacement.map((p) => p.provider))).toEqual(new Set(['cpu']));
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringMatching(/^webnn: .*no counterpart in onnx-ts; falling back/), expect.stringMatching(/^cuda: /),
      ]);
    } finally {
      warn.mockRestore();
    }
    expect(() => selectProviders(['cpuu'])).toThrow(/Unknown execution provider "cpuu"/);
  });
});

describe.runIf(ortCommon)('onnx-ts as a backend of onnxruntime-common', () => {
  it('runs code written against onnxruntime-common\'s InferenceSession unchanged', async () => {
    registerOnnxTs(ortCommon.registerBackend);
    registerOnnxTs(ortCommon.registerBackend); // twice is harmless: same backend, same priority
    for (const ep of [...ONNX_TS_BACKEND_NAMES, undefined]) {
      const session = await ortCommon.InferenceSession.create(addOneModel(), ep ? { executionProviders: [ep] } : {});
      expect(session.inputNames).toEqual(['x', 'ids']);
      expect(session.inputMetadata[0]).toMatchObject({ name: 'x', isTensor: true, type: 'float32', shape: ['batch', 3] });
      const out = await session.run({
        x: new ortCommon.Tensor('float32', new Float32Array([1, 2, 3]), [1, 3]), ids: new ortCommon.Tensor('int64', new BigInt64Array([5n]), [1]),
      }, ['y']);
      expect(Object.keys(out)).toEqual(['y']);
      expect(out.y).toBeInstanceOf(ortCommon.Tensor);
      expect([...out.y.data]).toEqual([2, 3, 4]);
      await session.release();
    }
  });

  it("records a profile between onnxruntime-common's startProfiling and endProfiling", async () => {
    registerOnnxTs(ortCommon.registerBackend);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-ort-profile-'));
    try {
      const session = await ortCommon.InferenceSession.create(addOneModel(), { executionProviders: ['onnx-ts'], profileFilePrefix: path.join(dir, 'p') });
      session.startProfiling();
      await session.run({ x: new ortCommon.Tensor('float32', new Float32Array(3), [1, 3]), ids: new ortCommon.Tensor('int64', new BigInt64Array(1), [1]) });
      session.endProfiling();
      const files = fs.readdirSync(dir);
      expect(files).toEqual([expect.stringMatching(/^p_.*\.json$/)]);
      const events = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8')) as { name: string; args?: { op_name?: string } }[];
      expect(events.filter((e) => e.name.endsWith('_kernel_time')).map((e) => e.args?.op_name).sort()).toEqual(['Add', 'Identity']);
      await session.release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
