// Tensors over device resources the user brings (fromGpuBuffer, fromTexture, fromMLTensor),
// with onnxruntime-common's download/dispose rules, fromPinnedBuffer as a CPU tensor, and a
// session taking such tensors as feeds (downloaded before the run).
import { describe, expect, it, vi } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, InvalidInputError } from '../../src/index.js';
import { Tensor, awaitsDownload } from '../../data/tensor.js';
import { TensorConversionError, TensorLocationError } from '../../data/errors.js';

// a stand-in: the session never touches the buffer, only the download function
const buffer = { size: 16, mapState: 'unmapped' } as unknown as Parameters<typeof Tensor.fromGpuBuffer>[0];
const values = () => Float32Array.from([1, 2, 3, 4]);

/** `null`: without a download function. */
function gpuTensor(download: (() => Promise<Float32Array>) | null = async () => values(), dispose?: () => void) {
  return Tensor.fromGpuBuffer(buffer, { dims: [2, 2], download: download ?? undefined, dispose });
}

describe('Tensor.fromGpuBuffer', () => {
  it('holds the buffer, not host data, until downloaded', async () => {
    const download = vi.fn(async () => values());
    const t = gpuTensor(download);
    expect(t).toMatchObject({ type: 'float32', dims: [2, 2], size: 4, location: 'gpu-buffer' });
    expect(t.gpuBuffer).toBe(buffer);
    expect(() => t.data).toThrow(TensorLocationError);
    expect(() => t.texture).toThrow(TensorLocationError);
    expect(awaitsDownload(t)).toBe(true);
    expect(Array.from(await t.getData() as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(t.location).toBe('cpu');
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4]);
    await t.getData();
    expect(download).toHaveBeenCalledTimes(1);
    expect(awaitsDownload(t)).toBe(false);
  });

  it('calls dispose once, on dispose() or getData(true), and is then unusable', async () => {
    const dispose = vi.fn();
    const t = gpuTensor(null, dispose);
    t.dispose();
    t.dispose();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(t.location).toBe('none');
    expect(() => t.data).toThrow(/disposed/);
    expect(() => t.gpuBuffer).toThrow(TensorLocationError);
    await expect(t.getData()).rejects.toThrow(/disposed/);

    const released = vi.fn();
    const u = gpuTensor(async () => values(), released);
    await u.getData(true);
    expect(released).toHaveBeenCalledTimes(1);
    u.dispose();
    expect(released).toHaveBeenCalledTimes(1);
  });

  it('refuses a second download while one is in flight, and disposal during it', async () => {
    let finish!: (v: Float32Array) => void;
    const t = gpuTensor(() => new Promise((resolve) => { finish = resolve; }));
    const first = t.getData();
    await expect(t.getData()).rejects.toThrow(/already being downloaded/);
    expect(() => t.dispose()).toThrow(TensorLocationError);
    finish(values());
    expect((await first).length).toBe(4);
  });

  it('names what is wrong with a download or the arguments', async () => {
    await expect(gpuTensor(null).getData()).rejects.toThrow(/without a download function/);
    await expect(gpuTensor(async () => new Float32Array(3)).getData()).rejects.toThrow(TensorLocationError);
    await expect(gpuTensor(async () => new Int32Array(4) as never).getData()).rejects.toThrow(/unusable data/);
    expect(() => Tensor.fromGpuBuffer(buffer, { dims: [1], dataType: 'float64' })).toThrow(TensorConversionError);
    expect(() => Tensor.fromGpuBuffer(undefined as never, { dims: [1] })).toThrow(TensorConversionError);
    expect(() => Tensor.fromGpuBuffer(buffer, { dims: [-1] })).toThrow(RangeError);
  });

  it('reshapes a view over an unowned buffer, but not one it owns', () => {
    const view = Tensor.fromGpuBuffer(buffer, { dims: [2, 2], dataType: 'int32' }).reshape([4]);
    expect(view).toMatchObject({ location: 'gpu-buffer', dims: [4], type: 'int32' });
    expect(view.gpuBuffer).toBe(buffer);
    expect(() => gpuTensor().reshape([4])).toThrow(/cannot be reshaped/);
  });

  it('converts to an image only once downloaded', async () => {
    const t = Tensor.fromGpuBuffer(buffer, { dims: [1, 3, 1, 1], download: async () => Float32Array.from([1, 0, 0.5]) });
    expect(() => t.toImageData()).toThrow(TensorLocationError);
    await t.getData();
    expect(Array.from(t.toImageData().data)).toEqual([255, 0, 128, 255]);
  });
});

describe('Tensor.fromTexture and fromMLTensor', () => {
  it('hold their resource the same way, with onnxruntime-common\'s shapes and types', async () => {
    const texture = {};
    const t = Tensor.fromTexture(texture, { width: 3, height: 2, download: async () => new Float32Array(24) });
    expect(t).toMatchObject({ location: 'texture', type: 'float32', dims: [1, 2, 3, 4] });
    expect(t.texture).toBe(texture);
    expect((await t.getData()).length).toBe(24);
    const mlTensor = { destroy() {} };
    const m = Tensor.fromMLTensor(mlTensor, { dims: [2], dataType: 'int8', download: async () => new Int8Array([1, -1]) });
    expect(m).toMatchObject({ location: 'ml-tensor', type: 'int8' });
    expect(m.mlTensor).toBe(mlTensor);
    expect(Array.from(await m.getData() as Int8Array)).toEqual([1, -1]);
    expect(() => Tensor.fromMLTensor(mlTensor, { dims: [1], dataType: 'float64' })).toThrow(TensorConversionError);
  });
});

describe('Tensor.fromPinnedBuffer', () => {
  it('is an ordinary CPU tensor over the same memory', () => {
    const data = new Int32Array([1, 2, 3, 4, 5, 6]);
    const t = Tensor.fromPinnedBuffer('int32', data, [2, 3]);
    expect(t).toMatchObject({ location: 'cpu', type: 'int32', dims: [2, 3] });
    expect(t.data).toBe(data);
    expect(Tensor.fromPinnedBuffer('float32', new Float32Array(5)).dims).toEqual([5]);
    expect(() => t.gpuBuffer).toThrow(TensorLocationError);
  });

  it('needs the typed array of its type', () => {
    // a wrong array is a compile error in TypeScript, and a typed error for JavaScript callers
    expect(() => Tensor.fromPinnedBuffer('int32', new Float32Array(2) as never)).toThrow(TensorConversionError);
    expect(() => Tensor.fromPinnedBuffer('float32', [1, 2] as never)).toThrow(TensorConversionError);
    expect(() => Tensor.fromPinnedBuffer('string' as never, ['a'] as never)).toThrow(TensorConversionError);
  });
});

describe('a session fed device tensors', () => {
  async function addSession() {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 2]);
    const y = b.input('y', 'float32', [2, 2]);
    b.output(b.op('Add', [x, y]), 'float32', [2, 2]);
    return InferenceSession.create(encodeModel(b.model()));
  }

  it('downloads a gpu-buffer feed and runs on it', async () => {
    const session = await addSession();
    const download = vi.fn(async () => values());
    const feed = gpuTensor(download);
    const out = await session.run({ x: feed, y: new Tensor('float32', values(), [2, 2]) });
    expect(Array.from((out[session.outputNames[0]] as Tensor).data as Float32Array)).toEqual([2, 4, 6, 8]);
    expect(download).toHaveBeenCalledTimes(1);
    await session.run({ x: feed, y: new Tensor('float32', values(), [2, 2]) });
    expect(download).toHaveBeenCalledTimes(1);
  });

  it('names the input that cannot be downloaded', async () => {
    const session = await addSession();
    const y = new Tensor('float32', values(), [2, 2]);
    const noDownload = await session.run({ x: gpuTensor(null), y }).catch((e) => e);
    expect(noDownload).toBeInstanceOf(InvalidInputError);
    expect(noDownload).toMatchObject({ input: 'x' });
    const disposed = gpuTensor();
    disposed.dispose();
    await expect(session.run({ x: disposed, y })).rejects.toThrow(/Input "x".*disposed/);
  });
});

describe('Uint8ClampedArray data, as onnxruntime-common takes it', () => {
  it('is a uint8 tensor over the same bytes, and refused for other types', () => {
    const bytes = Uint8ClampedArray.from([1, 2, 255]);
    for (const t of [new Tensor(bytes), new Tensor('uint8', bytes)]) {
      expect(t.type).toBe('uint8');
      expect(t.data).toBeInstanceOf(Uint8Array);
      expect((t.data as Uint8Array).buffer).toBe(bytes.buffer);
    }
    expect(() => new Tensor('float32', bytes as never)).toThrow(TypeError);
  });
});
