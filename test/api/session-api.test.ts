// InferenceSession as onnxruntime-common 1.30 has it: create()'s overloads, run()'s fetches
// (names, or pre-allocated outputs filled in place), and the session options it accepts.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, InvalidInputError, Tensor } from '../../src/index.js';
import { repoPath } from '../data-paths.js';
import { GpuTensor } from '../../kernels/gpu/gpu-tensor.js';
import { createGpuProvider } from '../../src/providers/gpu/provider.js';

/** y = x + 1 and z = x * 2 over float32 [batch, 3]; ids passed through (int64 [batch]). */
function model(): Uint8Array {
  const b = new GraphBuilder();
  b.input('x', 'float32', ['batch', 3]);
  b.input('ids', 'int64', ['batch']);
  b.initializer('one', new Tensor('float32', new Float32Array([1]), []));
  b.initializer('two', new Tensor('float32', new Float32Array([2]), []));
  b.node('Add', ['x', 'one'], {}, { outputs: ['y'] });
  b.node('Mul', ['x', 'two'], {}, { outputs: ['z'] });
  b.node('Identity', ['ids'], {}, { outputs: ['ids_out'] });
  b.output('y', 'float32', ['batch', 3]);
  b.output('z', 'float32', ['batch', 3]);
  b.output('ids_out', 'int64', ['batch']);
  return encodeModel(b.model());
}

const feeds = (batch = 1) => ({
  x: new Tensor('float32', Float32Array.from({ length: 3 * batch }, (_, i) => i), [batch, 3]),
  ids: new Tensor('int64', BigInt64Array.from({ length: batch }, (_, i) => BigInt(i)), [batch]),
});
const values = (t: Tensor) => Array.from(t.data as Float32Array);

afterEach(() => vi.restoreAllMocks());

describe('InferenceSession.create overloads', () => {
  const bytes = model();
  /** The model's bytes at `at` in a larger buffer filled with junk. */
  const embedded = (at: number) => {
    const buffer = new ArrayBuffer(at + bytes.length + 17);
    new Uint8Array(buffer).fill(0xff);
    new Uint8Array(buffer, at, bytes.length).set(bytes);
    return buffer;
  };

  it('(buffer, byteOffset, byteLength, options) loads just that range', async () => {
    const session = await InferenceSession.create(embedded(40), 40, bytes.length, { executionProviders: ['js'] });
    expect(session.outputNames).toEqual(['y', 'z', 'ids_out']);
    expect(session.nodePlacement.every((p) => p.provider === 'cpu')).toBe(true);
    expect(values((await session.run(feeds())).y)).toEqual([1, 2, 3]);
  });

  it('(buffer, byteOffset) reads to the end of the buffer', async () => {
    const buffer = new ArrayBuffer(8 + bytes.length);
    new Uint8Array(buffer, 8).set(bytes);
    expect((await InferenceSession.create(buffer, 8)).inputNames).toEqual(['x', 'ids']);
  });

  it('a Uint8Array view with a non-zero byteOffset, an ArrayBuffer, a SharedArrayBuffer and a path', async () => {
    const view = new Uint8Array(embedded(13), 13, bytes.length);
    expect((await InferenceSession.create(view)).inputNames).toEqual(['x', 'ids']);
    const whole = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    expect((await InferenceSession.create(whole, { graphOptimizationLevel: 'basic' })).inputNames).toEqual(['x', 'ids']);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    expect((await InferenceSession.create(shared)).inputNames).toEqual(['x', 'ids']);
    expect((await InferenceSession.create(repoPath('models', 'tiny-color-cnn.onnx'), { executionProviders: ['wasm'] })).inputNames).toEqual(['image']);
  });

  it('refuses bad ranges and arguments with an InvalidInputError naming them', async () => {
    const buffer = embedded(0);
    await expect(InferenceSession.create(buffer, -1)).rejects.toThrow(InvalidInputError);
    await expect(InferenceSession.create(buffer, buffer.byteLength)).rejects.toThrow(/byteOffset .* outside/);
    await expect(InferenceSession.create(buffer, 0, buffer.byteLength + 1)).rejects.toThrow(/byteLength .* does not fit/);
    await expect(InferenceSession.create(buffer, 0, 0)).rejects.toThrow(/byteLength 0/);
    await expect(InferenceSession.create(buffer, 1.5)).rejects.toThrow(/byteOffset must be an integer/);
    await expect(InferenceSession.create(bytes, 'fast' as never)).rejects.toThrow(/second argument must be the session options/);
    await expect(InferenceSession.create(42 as never)).rejects.toThrow(InvalidInputError);
  });
});

describe('run(feeds, fetches, options)', () => {
  it('fetches as names: only those outputs, options as the third argument', async () => {
    const session = await InferenceSession.create(model());
    const out = await session.run(feeds(), ['z'], { tag: 'names' });
    expect(Object.keys(out)).toEqual(['z']);
    expect(values(out.z)).toEqual([0, 2, 4]);
    await expect(session.run(feeds(), [])).rejects.toThrow(/cannot be an empty array/);
    await expect(session.run(feeds(), ['w'])).rejects.toThrow(/"w" is not an output/);
  });

  it('fetches as a record: null outputs are allocated, pre-allocated ones filled and returned as the same object', async () => {
    const session = await InferenceSession.create(model());
    const y = new Tensor('float32', new Float32Array(6), [2, 3]);
    const ids = new Tensor('int64', new BigInt64Array(2), [2]);
    const out = await session.run(feeds(2), { y, z: null, ids_out: ids });
    expect(Object.keys(out).sort()).toEqual(['ids_out', 'y', 'z']);
    expect(out.y).toBe(y);
    expect(values(y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.ids_out).toBe(ids);
    expect(Array.from(ids.data as BigInt64Array)).toEqual([0n, 1n]);
    expect(values(out.z)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('fills a pre-allocated tensor of onnxruntime-common\'s shape, and takes options after the record', async () => {
    const session = await InferenceSession.create(model());
    const data = new Float32Array(3);
    const theirs = { type: 'float32', dims: [1, 3], location: 'cpu', data, size: 3 };
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const out = await session.run(feeds(), { y: theirs as never }, { logSeverityLevel: 1, tag: 'prealloc' });
    expect(out.y).toBe(theirs);
    expect(Array.from(data)).toEqual([1, 2, 3]);
    expect(info).toHaveBeenCalledWith(expect.stringContaining('run "prealloc"'));
  });

  it('refuses a pre-allocated tensor of the wrong type, dims or location, naming the output', async () => {
    const session = await InferenceSession.create(model());
    const wrongType = session.run(feeds(), { y: new Tensor('float64', new Float64Array(3), [1, 3]) });
    await expect(wrongType).rejects.toThrow(InvalidInputError);
    await expect(wrongType).rejects.toThrow(/Pre-allocated output "y" is float64 \[1,3\], but the model produces float32 \[1,3\]/);
    await expect(session.run(feeds(), { y: new Tensor('float32', new Float32Array(6), [2, 3]) }))
      .rejects.toThrow(/"y" has dims \[2,3\], but the model produces \[1,3\]/);
    const onGpu = { type: 'float32', dims: [1, 3], location: 'gpu-buffer', getData: async () => new Float32Array(3) };
    await expect(session.run(feeds(), { y: onGpu as never })).rejects.toThrow(/location 'gpu-buffer'/);
    await expect(session.run(feeds(), { w: null })).rejects.toThrow(/"w" is not an output/);
    await expect(session.run(feeds(), { y: 3 as never, z: null })).rejects.toThrow(/fetches\["y"\] must be null or a pre-allocated Tensor/);
    await expect(session.run(feeds(), new Tensor('float32', [1]) as never)).rejects.toThrow(/fetches cannot be a Tensor/);
    await expect(session.run(feeds(), null as never)).rejects.toThrow(InvalidInputError);
  });

  it('an object without null or tensor values is RunOptions, as in onnxruntime', async () => {
    const session = await InferenceSession.create(model());
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const out = await session.run(feeds(), { tag: 'opts', logSeverityLevel: 1, extra: { memory: { enable_memory_arena_shrinkage: '1' } } });
    expect(Object.keys(out)).toEqual(['y', 'z', 'ids_out']);
    expect(info).toHaveBeenCalledWith(expect.stringContaining('run "opts"'));
  });
});

describe('freeDimensionOverrides', () => {
  it('fixes a symbolic dimension before planning: metadata, memory plan and feeds follow it', async () => {
    const session = await InferenceSession.create(model(), { freeDimensionOverrides: { batch: 2 } });
    expect(session.inputMetadata[0]).toEqual({ name: 'x', isTensor: true, type: 'float32', shape: [2, 3] });
    expect(session.outputMetadata[2]).toEqual({ name: 'ids_out', isTensor: true, type: 'int64', shape: [2] });
    expect(session.memoryPlan.boundDims).toEqual({});
    expect(values((await session.run(feeds(2))).y)).toEqual([1, 2, 3, 4, 5, 6]);
    const bad = session.run(feeds(3));
    await expect(bad).rejects.toThrow(InvalidInputError);
    await expect(bad).rejects.toThrow('Input "x" has dims [3,3], but freeDimensionOverrides fixes dimension 0 ("batch") to 2');
    await expect(bad).rejects.toMatchObject({ input: 'x', expected: 'batch = 2', actual: 'batch = 3' });
  });

  it('refuses sizes that are not non-negative integers, and warns of names no input has', async () => {
    await expect(InferenceSession.create(model(), { freeDimensionOverrides: { batch: -1 } })).rejects.toThrow(/freeDimensionOverrides\["batch"\] must be a non-negative integer/);
    await expect(InferenceSession.create(model(), { freeDimensionOverrides: { batch: 1.5 } })).rejects.toThrow(InvalidInputError);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await InferenceSession.create(model(), { freeDimensionOverrides: { btach: 1 } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no input has the dimension "btach"'));
  });
});

describe('preferredOutputLocation', () => {
  const GPU = [{ name: 'gpu', mode: 'cpu' } as const];

  it("'gpu-buffer' with the gpu provider returns float32 outputs on the device, the rest on the CPU", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(model(), { executionProviders: GPU, preferredOutputLocation: 'gpu-buffer' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"ids_out" (int64, not float32)'));
    const reads = vi.spyOn(GpuTensor.prototype, 'getData');
    const out = await session.run(feeds());
    // kept on the device: the run downloaded nothing
    expect(reads).not.toHaveBeenCalled();
    expect(out.y).toBeInstanceOf(GpuTensor);
    expect(out.y.location).toBe('gpu-buffer');
    expect(out.z.location).toBe('gpu-buffer');
    expect(out.ids_out.location).toBe('cpu');
    expect(Array.from(await out.y.getData() as Float32Array)).toEqual([1, 2, 3]);
    expect(Array.from(await out.z.getData() as Float32Array)).toEqual([0, 2, 4]);
    out.y.dispose();
    out.z.dispose();
  });

  it('a device output copied into a pre-allocated CPU tensor, or not fetched, has its device memory freed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(model(), { executionProviders: GPU, preferredOutputLocation: 'gpu-buffer' });
    const probe = createGpuProvider(GPU[0]);
    await probe.initialize();
    const device = probe.runtime!;
    // the first run uploads the constants, which stay resident
    for (const t of Object.values(await session.run(feeds()))) t.dispose();
    const live = device.liveBuffers;
    const y = new Tensor('float32', new Float32Array(3), [1, 3]);
    const out = await session.run(feeds(), { y, z: null });
    expect(out.y).toBe(y);
    expect(values(y)).toEqual([1, 2, 3]);
    expect(out.z.location).toBe('gpu-buffer');
    expect(device.liveBuffers).toBe(live + 1);
    const only = await session.run(feeds(), ['z']);
    expect(Object.keys(only)).toEqual(['z']);
    expect(device.liveBuffers).toBe(live + 2);
    out.z.dispose();
    only.z.dispose();
    expect(device.liveBuffers).toBe(live);
  });

  it('per output name; an output computed on the CPU is uploaded', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [3]);
    b.node('Identity', ['x'], {}, { outputs: ['copy'] });
    b.node('Relu', ['x'], {}, { outputs: ['relu'] });
    b.output('copy', 'float32', [3]);
    b.output('relu', 'float32', [3]);
    const session = await InferenceSession.create(encodeModel(b.model()), { executionProviders: GPU, preferredOutputLocation: { copy: 'gpu-buffer', relu: 'cpu' } });
    const out = await session.run({ x: new Tensor('float32', [-1, 0, 2]) });
    expect(out.copy.location).toBe('gpu-buffer');
    expect(Array.from(await out.copy.getData() as Float32Array)).toEqual([-1, 0, 2]);
    expect(out.relu.location).toBe('cpu');
    expect(values(out.relu)).toEqual([0, 0, 2]);
    out.copy.dispose();
  });

  it("without a gpu provider, 'gpu-buffer' outputs come back on the CPU, with one warning", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(model(), { executionProviders: ['wasm'], preferredOutputLocation: { y: 'gpu-buffer' } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"y" (no gpu provider in this session)'));
    const out = await session.run(feeds());
    expect(out.y.location).toBe('cpu');
    expect(values(out.y)).toEqual([1, 2, 3]);
  });

  it('refuses unknown outputs and locations', async () => {
    await expect(InferenceSession.create(model(), { preferredOutputLocation: { w: 'cpu' } })).rejects.toThrow(/names "w", which is not an output/);
    await expect(InferenceSession.create(model(), { preferredOutputLocation: 'texture' })).rejects.toThrow(InvalidInputError);
    await expect(InferenceSession.create(model(), { preferredOutputLocation: 'disk' as never })).rejects.toThrow(/must be 'cpu' or 'gpu-buffer', got disk/);
  });
});

describe('options accepted for parity', () => {
  it('runs with every onnxruntime-common 1.30 session option set', async () => {
    const session = await InferenceSession.create(model(), {
      executionProviders: [{ name: 'cpu', useArena: true }, 'wasm'],
      executionMode: 'parallel',
      interOpNumThreads: 2,
      intraOpNumThreads: 1,
      graphOptimizationLevel: 'layout',
      enableCpuMemArena: true,
      enableMemPattern: true,
      logId: 'parity',
      logSeverityLevel: 3,
      logVerbosityLevel: 0,
      enableGraphCapture: false,
      enableProfiling: false,
      profileFilePrefix: 'parity',
      extra: { session: { disable_prepacking: '1' }, optimization: { enable_gelu_approximation: '1' } },
      preferredOutputLocation: 'cpu',
      freeDimensionOverrides: {},
    });
    expect(values((await session.run(feeds())).y)).toEqual([1, 2, 3]);
  });

  it('logId names the session in run logs', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const session = await InferenceSession.create(model(), { logId: 'encoder' });
    await session.run(feeds(), { logSeverityLevel: 1 });
    expect(info).toHaveBeenCalledWith(expect.stringContaining('onnx-ts session "encoder" run: done'));
  });

  it('refuses values onnxruntime refuses', async () => {
    await expect(InferenceSession.create(model(), { executionMode: 'async' as never })).rejects.toThrow(/executionMode must be 'sequential' or 'parallel'/);
    await expect(InferenceSession.create(model(), { interOpNumThreads: -1 })).rejects.toThrow(/interOpNumThreads must be a non-negative integer/);
  });

  it("'webnn' falls back with a warning; an unknown provider name is an InvalidInputError", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = await InferenceSession.create(model(), { executionProviders: [{ name: 'webnn', deviceType: 'gpu' }, 'wasm'] });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^webnn: .*falling back/));
    expect(session.nodePlacement.some((p) => p.provider === 'webnn')).toBe(false);
    await expect(InferenceSession.create(model(), { executionProviders: ['tpu'] })).rejects.toThrow(InvalidInputError);
    await expect(InferenceSession.create(model(), { executionProviders: ['tpu'] })).rejects.toThrow(/Unknown execution provider "tpu"/);
  });

  it('externalData as a path, a Blob or bytes', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [2]);
    b.output(b.op('Add', ['x', 'x']), 'float32', [2]);
    const bytes = encodeModel(b.model());
    // no tensor uses these files: each form must still be read without error
    const file = repoPath('models', 'tiny-color-cnn.onnx');
    const session = await InferenceSession.create(bytes, {
      externalData: [{ path: 'a.bin', data: file }, { path: 'b.bin', data: new Blob([new Uint8Array(4)]) }, { path: 'c.bin', data: new ArrayBuffer(4) }],
    });
    expect(session.inputNames).toEqual(['x']);
    await expect(InferenceSession.create(bytes, { externalData: [{ path: 'd.bin', data: `${file}.missing` }] })).rejects.toThrow(/Cannot read external data file/);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('input and output metadata, as onnxruntime-common 1.30 describes them', () => {
  it('tensor metadata has name, isTensor, type and shape; no shape is an empty shape', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32');
    b.input('s', 'float32', [undefined, 'n', 4]);
    b.node('Identity', ['x'], {}, { outputs: ['y'] });
    b.node('Identity', ['s'], {}, { outputs: ['t'] });
    b.output('y', 'float32');
    b.output('t', 'float32');
    const session = await InferenceSession.create(encodeModel(b.model()));
    expect(session.inputMetadata).toEqual([
      { name: 'x', isTensor: true, type: 'float32', shape: [] },
      { name: 's', isTensor: true, type: 'float32', shape: ['', 'n', 4] },
    ]);
  });
});
