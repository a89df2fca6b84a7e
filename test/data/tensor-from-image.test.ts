// Tensor.fromImage and toImageData against onnxruntime-common's own implementation, where it
// runs in Node (its ImageData path without options, its buffer conversion, its toImageData
// with a stub canvas), plus the options onnxruntime-common lacks (NHWC, uint8, resize).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tensor } from '../../data/tensor.js';
import { TensorConversionError } from '../../data/errors.js';

const ortDir = path.resolve(import.meta.dirname, '../../bench/reference/node_modules/onnxruntime-common/dist/esm');
const haveOrt = fs.existsSync(path.join(ortDir, 'index.js'));
if (!haveOrt) console.warn(`onnxruntime-common is not installed at ${ortDir}: the comparisons with it are skipped (npm install --prefix bench/reference)`);

interface OrtTensor { type: string; dims: readonly number[]; data: ArrayLike<number>; toImageData(o?: object): { data: Uint8ClampedArray; width: number; height: number } }
let ort: { Tensor: { fromImage(i: unknown, o?: object): Promise<OrtTensor>; new (t: string, d: Float32Array, dims: number[]): OrtTensor } };
let bufferToTensor: (buffer: Uint8ClampedArray, options: object) => OrtTensor;

/** The ImageData and 2D canvas onnxruntime-common looks for on globalThis, reduced to what it calls. */
class StubImageData {
  readonly colorSpace = 'srgb';
  constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
}
class StubOffscreenCanvas {
  constructor(public width: number, public height: number) {}
  getContext() {
    return { createImageData: (w: number, h: number) => new StubImageData(new Uint8ClampedArray(w * h * 4), w, h) };
  }
}
const g = globalThis as Record<string, unknown>;
function withStubs<T>(fn: () => T): T {
  g.ImageData = StubImageData;
  g.OffscreenCanvas = StubOffscreenCanvas;
  try {
    return fn();
  } finally {
    delete g.ImageData;
    delete g.OffscreenCanvas;
  }
}
afterEach(() => { delete g.ImageData; delete g.OffscreenCanvas; });

beforeAll(async () => {
  if (!haveOrt) return;
  ort = await import(pathToFileURL(path.join(ortDir, 'index.js')).href);
  ({ bufferToTensor } = await import(pathToFileURL(path.join(ortDir, 'tensor-factory-impl.js')).href));
});

function randomBytes(n: number, seed = 7): Uint8ClampedArray {
  const out = new Uint8ClampedArray(n);
  let s = seed;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) >>> 0; out[i] = s >>> 24; }
  return out;
}

const W = 5, H = 3;
const rgba = randomBytes(W * H * 4);

describe.skipIf(!haveOrt)('fromImage matches onnxruntime-common', () => {
  it('ImageData without options: the public fromImage', async () => {
    const image = new StubImageData(rgba, W, H);
    g.ImageData = StubImageData;
    const theirs = await ort.Tensor.fromImage(image);
    const ours = await Tensor.fromImage(image);
    expect(ours.type).toBe('float32');
    expect(ours.dims).toEqual(theirs.dims);
    expect(Array.from(ours.data as Float32Array)).toEqual(Array.from(theirs.data));
  });

  const cases: [string, object][] = [
    ['defaults', {}],
    ['BGR', { tensorFormat: 'BGR' }],
    ['RBG', { tensorFormat: 'RBG' }],
    ['RGBA', { tensorFormat: 'RGBA' }],
    ['scalar norm', { norm: { mean: 127.5, bias: -127.5 } }],
    ['per-channel norm', { tensorFormat: 'BGR', norm: { mean: [58.4, 57.1, 57.4], bias: [-123.7, -116.3, -103.5] } }],
    ['4-channel norm', { tensorFormat: 'RGBA', norm: { mean: [1, 2, 3, 4], bias: [5, 6, 7, 8] } }],
    ['RGB input', { format: 'RGB', tensorFormat: 'BGR', norm: { mean: 2, bias: 1 } }],
  ];
  for (const [name, options] of cases) {
    it(`raw bytes, ${name}`, async () => {
      const format = (options as { format?: string }).format ?? 'RGBA';
      const bytes = format === 'RGB' ? randomBytes(W * H * 3, 3) : rgba;
      const theirs = bufferToTensor(bytes, { ...options, width: W, height: H });
      const ours = await Tensor.fromImage(bytes, { ...options, width: W, height: H });
      expect(ours.dims).toEqual(theirs.dims);
      expect(Array.from(ours.data as Float32Array)).toEqual(Array.from(theirs.data));
    });
  }

  it('a Uint8Array buffer reads like a Uint8ClampedArray', async () => {
    const theirs = bufferToTensor(rgba, { width: W, height: H });
    const ours = await Tensor.fromImage(new Uint8Array(rgba.buffer), { width: W, height: H });
    expect(Array.from(ours.data as Float32Array)).toEqual(Array.from(theirs.data));
  });
});

describe.skipIf(!haveOrt)('toImageData matches onnxruntime-common', () => {
  const planar = (channels: number) => Float32Array.from(randomBytes(channels * W * H, 11), (v) => v / 200 - 0.1);
  const cases: [string, number, object][] = [
    ['RGB', 3, { format: 'RGB' }],
    ['RGBA', 4, { format: 'RGBA' }],
    ['RGB with norm', 3, { format: 'RGB', norm: { mean: 100, bias: 0.25 } }],
    ['RGBA per-channel norm', 4, { format: 'RGBA', norm: { mean: [90, 100, 110, 120], bias: [0.1, 0.2, 0.3, 0.4] } }],
    ['3-value norm on RGBA', 4, { format: 'RGBA', norm: { mean: [90, 100, 110], bias: [0.1, 0.2, 0.3] } }],
  ];
  for (const [name, channels, options] of cases) {
    it(name, () => {
      const data = planar(channels);
      const dims = [1, channels, H, W];
      const theirs = withStubs(() => new ort.Tensor('float32', data, dims).toImageData(options));
      const ours = new Tensor('float32', data, dims).toImageData(options);
      expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
      expect(Array.from(ours.data)).toEqual(Array.from(theirs.data));
    });
  }

  it('without options, like onnxruntime-common for a 3-channel tensor', () => {
    const data = planar(3);
    const theirs = withStubs(() => new ort.Tensor('float32', data, [1, 3, H, W]).toImageData());
    expect(Array.from(new Tensor('float32', data, [1, 3, H, W]).toImageData().data)).toEqual(Array.from(theirs.data));
  });
});

describe('fromImage beyond onnxruntime-common', () => {
  it('lays out NHWC as [1, H, W, C], the NCHW values interleaved', async () => {
    const nchw = await Tensor.fromImage(rgba, { width: W, height: H, tensorFormat: 'BGR' });
    const nhwc = await Tensor.fromImage(rgba, { width: W, height: H, tensorFormat: 'BGR', tensorLayout: 'NHWC' });
    expect(nhwc.dims).toEqual([1, H, W, 3]);
    const a = nchw.data as Float32Array, b = nhwc.data as Float32Array;
    for (let i = 0; i < W * H; i++) for (let c = 0; c < 3; c++) expect(b[i * 3 + c]).toBe(a[c * W * H + i]);
  });

  it('keeps the bytes for uint8, and rounds and clamps a norm', async () => {
    const bytes = await Tensor.fromImage(rgba, { width: W, height: H, dataType: 'uint8', tensorFormat: 'RGBA' });
    expect(bytes.type).toBe('uint8');
    expect(Array.from((bytes.data as Uint8Array).subarray(0, W * H))).toEqual(Array.from({ length: W * H }, (_, i) => rgba[i * 4]));
    const halved = await Tensor.fromImage(rgba, { width: W, height: H, dataType: 'uint8', norm: { mean: 0.5, bias: 0 } });
    expect(Array.from((halved.data as Uint8Array).subarray(0, W * H))).toEqual(Array.from({ length: W * H }, (_, i) => Math.min(255, rgba[i * 4] * 2)));
  });

  it('fills alpha as opaque for RGB pixels into an RGBA tensor', async () => {
    const t = await Tensor.fromImage(randomBytes(W * H * 3), { width: W, height: H, format: 'RGB', tensorFormat: 'RGBA' });
    expect(Array.from((t.data as Float32Array).subarray(3 * W * H))).toEqual(new Array(W * H).fill(1));
  });

  it('takes the pixel format of an RGB buffer from its length, and BGR bytes as BGR', async () => {
    const rgb = randomBytes(W * H * 3);
    const bgr = new Uint8Array(rgb.length);
    for (let i = 0; i < rgb.length; i += 3) bgr.set([rgb[i + 2], rgb[i + 1], rgb[i]], i);
    const fromRgb = await Tensor.fromImage(rgb, { width: W, height: H });
    const fromBgr = await Tensor.fromImage(bgr, { width: W, height: H, format: 'BGR' });
    expect(Array.from(fromBgr.data as Float32Array)).toEqual(Array.from(fromRgb.data as Float32Array));
  });

  it('reads ImageData-shaped objects, such as toImageData returns in Node', async () => {
    const t = await Tensor.fromImage(rgba, { width: W, height: H, tensorFormat: 'RGBA' });
    const image = t.toImageData();
    expect(image).toMatchObject({ width: W, height: H, colorSpace: 'srgb' });
    expect(image.data).toBeInstanceOf(Uint8ClampedArray);
    expect(Array.from(image.data)).toEqual(Array.from(rgba));
    const again = await Tensor.fromImage(image, { tensorFormat: 'RGBA' });
    expect(Array.from(again.data as Float32Array)).toEqual(Array.from(t.data as Float32Array));
  });

  it('round-trips NHWC and BGR through toImageData', async () => {
    const t = await Tensor.fromImage(rgba, { width: W, height: H, tensorFormat: 'BGR', tensorLayout: 'NHWC' });
    const image = t.toImageData({ format: 'BGR', tensorLayout: 'NHWC' });
    for (let i = 0; i < W * H; i++) {
      expect(Array.from(image.data.subarray(i * 4, i * 4 + 4))).toEqual([rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2], 255]);
    }
  });

  it('resizes with resizedWidth/resizedHeight', async () => {
    const t = await Tensor.fromImage(rgba, { width: W, height: H, resizedWidth: 10, resizedHeight: 2 });
    expect(t.dims).toEqual([1, 3, 2, 10]);
    const widthOnly = await Tensor.fromImage(rgba, { width: W, height: H, resizedWidth: 2 });
    expect(widthOnly.dims).toEqual([1, 3, H, 2]);
  });

  it('refuses what it cannot convert with typed errors naming the option', async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [() => Tensor.fromImage(rgba, {}), 'width/height'],
      [() => Tensor.fromImage(rgba, { width: W, height: H + 2 }), 'buffer'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, format: 'RGB' }), 'buffer'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, tensorFormat: 'BRG' as never }), 'tensorFormat'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, tensorLayout: 'CHW' as never }), 'tensorLayout'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, norm: { mean: 0 } }), 'norm.mean'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, norm: { bias: [1, 2] as never } }), 'norm.bias'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, resizedWidth: 0 }), 'resizedWidth'],
      [() => Tensor.fromImage(rgba, { width: 1.5, height: H }), 'width'],
      [() => Tensor.fromImage(rgba, { width: W, height: H, dataType: 'int32' as never }), 'dataType'],
      [() => Tensor.fromImage(42 as never), 'image'],
      [() => Tensor.fromImage({ width: 2, height: 2 }), 'image'],
      [() => Tensor.fromImage('https://example.com/cat.png'), 'url'],
    ];
    for (const [convert, option] of cases) {
      const error = await convert().catch((e) => e);
      expect(error, option).toBeInstanceOf(TensorConversionError);
      expect((error as TensorConversionError).option, (error as Error).message).toBe(option);
    }
  });
});

describe('toImageData checks its tensor', () => {
  it('refuses shapes, formats and types that are not an image', () => {
    const cases: [() => unknown, string][] = [
      [() => new Tensor('float32', new Float32Array(12), [3, 2, 2]).toImageData(), 'tensor.dims'],
      [() => new Tensor('float32', new Float32Array(24), [2, 3, 2, 2]).toImageData(), 'tensor.dims'],
      [() => new Tensor('float32', new Float32Array(8), [1, 2, 2, 2]).toImageData(), 'format'],
      [() => new Tensor('float32', new Float32Array(12), [1, 3, 2, 2]).toImageData({ format: 'RGBA' }), 'format'],
      [() => new Tensor('float32', new Float32Array(12), [1, 3, 2, 2]).toImageData({ tensorLayout: 'NHWC' }), 'format'],
      [() => new Tensor('int64', new BigInt64Array(12), [1, 3, 2, 2]).toImageData(), 'tensor.type'],
    ];
    for (const [convert, option] of cases) {
      let error: unknown;
      try { convert(); } catch (e) { error = e; }
      expect(error, option).toBeInstanceOf(TensorConversionError);
      expect((error as TensorConversionError).option, (error as Error).message).toBe(option);
    }
  });

  it('uses a 4-channel tensor\'s alpha by default, and the host ImageData class where there is one', () => {
    const data = new Float32Array(16).fill(0.5);
    const plain = new Tensor('float32', data, [1, 4, 2, 2]).toImageData();
    expect(Array.from(plain.data.subarray(0, 4))).toEqual([128, 128, 128, 128]);
    const real = withStubs(() => new Tensor('float32', data, [1, 4, 2, 2]).toImageData());
    expect(real).toBeInstanceOf(StubImageData);
  });
});
