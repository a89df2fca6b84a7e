// toDataURL in Node: a PNG we encode ourselves, checked by decoding it with an independent
// reader (chunk CRCs, IHDR, zlib inflate, filter bytes) against toImageData's pixels.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../data/tensor.js';
import { encodePng, storedZlib } from '../../data/image/png-encode.js';

function referenceCrc(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array; chunks: string[] } {
  expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0, height = 0;
  for (let o = 8; o < png.length;) {
    const length = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const body = png.subarray(o + 8, o + 8 + length);
    expect(view.getUint32(o + 8 + length), `${type} CRC`).toBe(referenceCrc(png.subarray(o + 4, o + 8 + length)));
    chunks.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(o + 8);
      height = view.getUint32(o + 12);
      expect(Array.from(body.subarray(8))).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(body);
    o += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const row = width * 4;
  expect(raw.length).toBe((row + 1) * height);
  const rgba = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (row + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (row + 1) + 1, (y + 1) * (row + 1)), y * row);
  }
  return { width, height, rgba, chunks };
}

const fromDataUrl = (url: string) => {
  expect(url.startsWith('data:image/png;base64,')).toBe(true);
  return new Uint8Array(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
};

describe('toDataURL without a canvas', () => {
  it('writes a PNG of toImageData\'s pixels', () => {
    const data = Float32Array.from({ length: 4 * 3 * 5 }, (_, i) => (i * 37 % 256) / 255);
    const t = new Tensor('float32', data, [1, 4, 3, 5]);
    const png = decodePng(fromDataUrl(t.toDataURL()));
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height]).toEqual([5, 3]);
    expect(Array.from(png.rgba)).toEqual(Array.from(t.toImageData().data));
  });

  it('passes format, layout and norm on as toImageData does', () => {
    const t = new Tensor('float32', Float32Array.from({ length: 2 * 2 * 3 }, (_, i) => i), [1, 2, 2, 3]);
    const options = { format: 'BGR', tensorLayout: 'NHWC', norm: { mean: 20, bias: 1 } } as const;
    expect(Array.from(decodePng(fromDataUrl(t.toDataURL(options))).rgba)).toEqual(Array.from(t.toImageData(options).data));
  });

  it('writes stored deflate blocks readable by zlib when the host has no codec, over several blocks', () => {
    const width = 200, height = 100; // 80 KB of rows: two stored blocks
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 7) & 0xff);
    const png = decodePng(encodePng(rgba, width, height));
    expect(Buffer.from(png.rgba).equals(Buffer.from(rgba))).toBe(true);
    expect(Array.from(zlib.inflateSync(storedZlib(new Uint8Array(0))))).toEqual([]);
  });
});
