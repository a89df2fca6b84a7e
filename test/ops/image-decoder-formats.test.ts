// ImageDecoder's JPEG, WebP, TIFF and JPEG 2000 readers (their codecs are npm packages loaded
// on first use): pixels, channel order, the error for corrupt data, and that a browser
// bundle leaves the codecs out. Pixel-exactness against Pillow is the ONNX node suite's
// job (test_image_decoder_decode_*); these images are small enough to state by hand.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, InvalidInputError, Tensor } from '../../src/index.js';

async function decode(bytes: Uint8Array, pixelFormat = 'RGB'): Promise<Tensor> {
  const b = new GraphBuilder();
  const x = b.input('x', 'uint8', ['n']);
  b.node('ImageDecoder', [x], { pixel_format: pixelFormat }, { outputs: ['y'] });
  b.output('y', 'uint8');
  const s = await InferenceSession.create(encodeModel(b.model({ '': 20 })));
  return (await s.run({ x: new Tensor('uint8', bytes, [bytes.length]) })).y as Tensor;
}
const base64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** A lossless WebP, 3×2: red, green, blue / white, black, (128, 64, 32). */
const WEBP_LOSSLESS = base64('UklGRjoAAABXRUJQVlA4TC0AAAAvAkAAAC8gECBI8x9lQ0BQdN1yAgGCFP+R5j9AbHJsFShI24DF3VOyiP7H1QEA');
const WEBP_PIXELS = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 64, 32];

/** A progressive JPEG (quality 95, 4:2:0) of a 16×16 image of solid (200, 40, 90). */
const JPEG_SOLID = base64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEAAICAgICAgICAgIDAwIDAwQDAwMDBAYEBAQEBAYJBQYFBQYFCQgJBwcHCQgOCwkJCw4QDQwNEBMRERMYFxgfHyoBAgICAgICAgICAgMDAgMDBAMDAwMEBgQEBAQEBgkFBgUFBgUJCAkHBwcJCA4LCQkLDhANDA0QExERExgXGB8fKv/CABEIABAAEAMBEQACEQEDEQH/xAApAAEBAAAAAAAAAAAAAAAAAAAACAEBAQEAAAAAAAAAAAAAAAAAAAQJ/9oADAMBAAIQAxAAAACd59MAB//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAT8AH//EABQRAQAAAAAAAAAAAAAAAAAAACD/2gAIAQIBAT8AH//EABQRAQAAAAAAAAAAAAAAAAAAACD/2gAIAQMBAT8AH//Z',
);

/** A little-endian baseline TIFF: one strip of uncompressed samples and the given tags. */
function tiff(width: number, height: number, samples: Uint8Array, tags: [tag: number, type: number, values: number[]][]): Uint8Array {
  const base: [number, number, number[]][] = [
    [256, 3, [width]], [257, 3, [height]], [259, 3, [1]], [273, 4, [0]], [278, 3, [height]], [279, 4, [samples.length]],
  ];
  const all = [...base, ...tags].sort((a, b) => a[0] - b[0]);
  const size = (type: number) => (type === 3 ? 2 : 4);
  const ifdAt = 8;
  const ifdBytes = 2 + all.length * 12 + 4;
  let extraAt = ifdAt + ifdBytes;
  const extras: [number, number, number[]][] = [];
  for (const [, type, values] of all) if (values.length * size(type) > 4) { extras.push([extraAt, type, values]); extraAt += values.length * size(type); }
  const dataAt = extraAt;
  const out = new Uint8Array(dataAt + samples.length);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, ifdAt, true);
  view.setUint16(ifdAt, all.length, true);
  let e = 0;
  all.forEach(([tag, type, values], i) => {
    const at = ifdAt + 2 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, values.length, true);
    const write = (pos: number, v: number) => (type === 3 ? view.setUint16(pos, v, true) : view.setUint32(pos, v, true));
    if (tag === 273) write(at + 8, dataAt);
    else if (values.length * size(type) <= 4) values.forEach((v, k) => write(at + 8 + k * size(type), v));
    else {
      const [where] = extras[e++];
      view.setUint32(at + 8, where, true);
      values.forEach((v, k) => write(where + k * size(type), v));
    }
  });
  out.set(samples, dataAt);
  return out;
}

describe('ImageDecoder formats', () => {
  it('WebP: a lossless image decodes exactly, in RGB and BGR order', async () => {
    const rgb = await decode(WEBP_LOSSLESS);
    expect(rgb.dims).toEqual([2, 3, 3]);
    expect(Array.from(rgb.data as Uint8Array)).toEqual(WEBP_PIXELS);
    const bgr = await decode(WEBP_LOSSLESS, 'BGR');
    expect(Array.from(bgr.data as Uint8Array).slice(0, 6)).toEqual([0, 0, 255, 0, 255, 0]);
  });

  it('JPEG: a progressive 4:2:0 image decodes to its colour within JPEG\'s loss', async () => {
    const y = await decode(JPEG_SOLID);
    expect(y.dims).toEqual([16, 16, 3]);
    const d = y.data as Uint8Array;
    for (let i = 0; i < 256; i++) {
      expect(Math.abs(d[3 * i] - 200)).toBeLessThanOrEqual(3);
      expect(Math.abs(d[3 * i + 1] - 40)).toBeLessThanOrEqual(3);
      expect(Math.abs(d[3 * i + 2] - 90)).toBeLessThanOrEqual(3);
    }
    const gray = await decode(JPEG_SOLID, 'Grayscale');
    expect(gray.dims).toEqual([16, 16, 1]);
    // ITU-R 601-2 luma of (200, 40, 90)
    expect(Math.abs((gray.data as Uint8Array)[0] - Math.round(0.299 * 200 + 0.587 * 40 + 0.114 * 90))).toBeLessThanOrEqual(3);
  });

  it('TIFF: RGB with an alpha sample, 8-bit palette, 16-bit gray and bilevel', async () => {
    const rgba = tiff(2, 1, new Uint8Array([10, 20, 30, 255, 40, 50, 60, 0]), [[258, 3, [8, 8, 8, 8]], [262, 3, [2]], [277, 3, [4]], [338, 3, [2]]]);
    expect(Array.from((await decode(rgba)).data as Uint8Array)).toEqual([10, 20, 30, 40, 50, 60]);

    // TIFF palettes are 16-bit: all reds, then all greens, then all blues, 2^8 entries each
    const entries = 256;
    const reds = new Array(entries).fill(0), greens = new Array(entries).fill(0), blues = new Array(entries).fill(0);
    [reds[0], greens[0], blues[0]] = [0x0100, 0x0200, 0x0300];
    [reds[1], greens[1], blues[1]] = [0xff00, 0x8000, 0x0000];
    [reds[2], greens[2], blues[2]] = [0x1234, 0x5678, 0x9abc];
    const pal = tiff(3, 1, new Uint8Array([1, 0, 2]), [[258, 3, [8]], [262, 3, [3]], [277, 3, [1]], [320, 3, [...reds, ...greens, ...blues]]]);
    expect(Array.from((await decode(pal)).data as Uint8Array)).toEqual([255, 128, 0, 1, 2, 3, 0x12, 0x56, 0x9a]);

    const gray16 = tiff(2, 1, new Uint8Array([0x34, 0x12, 0xff, 0xab]), [[258, 3, [16]], [262, 3, [1]], [277, 3, [1]]]);
    const g = await decode(gray16, 'Grayscale');
    expect(g.dims).toEqual([1, 2, 1]);
    expect(Array.from(g.data as Uint8Array)).toEqual([0x12, 0xab]);

    const bilevel = tiff(3, 1, new Uint8Array([0b10100000]), [[258, 3, [1]], [262, 3, [1]], [277, 3, [1]]]);
    expect(Array.from((await decode(bilevel)).data as Uint8Array)).toEqual([255, 255, 255, 0, 0, 0, 255, 255, 255]);
  });

  it('corrupt data of each format is an InvalidInputError naming the format', async () => {
    const cases: [string, Uint8Array][] = [
      ['JPEG', JPEG_SOLID.subarray(0, 40)],
      ['WebP', WEBP_LOSSLESS.subarray(0, 30)],
      ['TIFF', new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0, 0])],
      ['JPEG 2000', new Uint8Array([0xff, 0x4f, 0xff, 0x51, 0, 0])],
    ];
    for (const [format, bytes] of cases) {
      const err = await decode(bytes).then(() => undefined, (e: unknown) => e);
      expect(err, format).toBeInstanceOf(Error);
      expect((err as { cause?: unknown }).cause ?? err, format).toBeInstanceOf(InvalidInputError);
      expect((err as Error).message, format).toMatch(new RegExp(`ImageDecoder: (the )?${format} (data|image)`));
    }
  });

  it('a bundle of the op holds no codec: they are imported by a computed name at run time', async () => {
    const result = await esbuild.build({
      entryPoints: [path.resolve(import.meta.dirname, '..', '..', 'ops', 'image', 'ImageDecoder.ts')],
      bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', external: ['node:*'],
    });
    const code = result.outputFiles[0].text;
    expect(code).toMatch(/import\(/);
    expect(code).not.toMatch(/JpxError|wasi_snapshot_preview1|not a TIFF file/);
  });
});
