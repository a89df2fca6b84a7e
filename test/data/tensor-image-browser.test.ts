// The browser paths of fromImage and toDataURL, on stand-ins for the canvas, ImageBitmap,
// <img>, fetch and ImageData a page has (only the calls these paths make).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tensor } from '../../data/tensor.js';
import { TensorConversionError } from '../../data/errors.js';

interface FakeImage { width: number; height: number; pixels: Uint8ClampedArray; naturalWidth?: number; naturalHeight?: number; close?: () => void }

class FakeCanvas {
  drawn?: FakeImage;
  put?: { data: Uint8ClampedArray };
  constructor(public width = 0, public height = 0) {}
  getContext() {
    return {
      drawImage: (image: FakeImage, x: number, y: number) => { expect([x, y]).toEqual([0, 0]); this.drawn = image; },
      getImageData: (x: number, y: number, w: number, h: number) => {
        expect([x, y, w, h]).toEqual([0, 0, this.width, this.height]);
        return { data: this.drawn!.pixels };
      },
      putImageData: (image: { data: Uint8ClampedArray }) => { this.put = image; },
    };
  }
  toDataURL() { return 'data:image/png;base64,FROM-CANVAS'; }
}
class FakeImageData {
  constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
}

const g = globalThis as Record<string, unknown>;
const installed: string[] = [];
function install(globals: Record<string, unknown>) {
  for (const [k, v] of Object.entries(globals)) { g[k] = v; installed.push(k); }
}
afterEach(() => { for (const k of installed.splice(0)) delete g[k]; });

const pixels = (w: number, h: number) => Uint8ClampedArray.from({ length: w * h * 4 }, (_, i) => (i * 29) & 0xff);
const expected = (data: Uint8ClampedArray, options?: object, w = 2, h = 3) => Tensor.fromImage(data, { width: w, height: h, ...options });

describe('fromImage in a browser', () => {
  it('draws an ImageBitmap on an OffscreenCanvas and reads its pixels', async () => {
    install({ OffscreenCanvas: FakeCanvas });
    const bitmap: FakeImage = { width: 2, height: 3, pixels: pixels(2, 3) };
    const t = await Tensor.fromImage(bitmap, { tensorFormat: 'BGR' });
    expect(Array.from(t.data as Float32Array)).toEqual(Array.from((await expected(bitmap.pixels, { tensorFormat: 'BGR' })).data as Float32Array));
  });

  it('reads an <img> at its natural size, through a page canvas when there is no OffscreenCanvas', async () => {
    install({ document: { createElement: () => new FakeCanvas() } });
    const img: FakeImage = { width: 100, height: 100, naturalWidth: 2, naturalHeight: 3, pixels: pixels(2, 3) };
    const t = await Tensor.fromImage(img, { resizedWidth: 4, resizedHeight: 6 });
    expect(t.dims).toEqual([1, 3, 6, 4]);
    expect(Array.from(t.data as Float32Array)).toEqual(Array.from((await expected(img.pixels, { resizedWidth: 4, resizedHeight: 6 })).data as Float32Array));
  });

  it('fetches a URL and decodes it with createImageBitmap, closing the bitmap', async () => {
    const bitmap: FakeImage = { width: 2, height: 3, pixels: pixels(2, 3), close: vi.fn() };
    const fetch = vi.fn(async (url: string) => (url === 'https://img.example/cat.png'
      ? { ok: true, status: 200, blob: async () => 'blob' } : { ok: false, status: 404, blob: async () => undefined }));
    install({ OffscreenCanvas: FakeCanvas, fetch, createImageBitmap: vi.fn(async (blob: unknown) => { expect(blob).toBe('blob'); return bitmap; }) });
    const t = await Tensor.fromImage('https://img.example/cat.png');
    expect(Array.from(t.data as Float32Array)).toEqual(Array.from((await expected(bitmap.pixels)).data as Float32Array));
    expect(bitmap.close).toHaveBeenCalled();
    const missing = await Tensor.fromImage('https://img.example/dog.png').catch((e) => e);
    expect(missing).toBeInstanceOf(TensorConversionError);
    expect(missing.message).toMatch(/HTTP 404/);
  });

  it('loads a URL through an <img> where there is no createImageBitmap', async () => {
    class FakeImageElement {
      width = 2; height = 3; pixels = pixels(2, 3); crossOrigin: string | null = null;
      onload: (() => void) | null = null; onerror: ((e: unknown) => void) | null = null;
      set src(url: string) { setTimeout(() => (url.endsWith('.png') ? this.onload?.() : this.onerror?.(new Error('404')))); }
    }
    install({ OffscreenCanvas: FakeCanvas, Image: FakeImageElement });
    const t = await Tensor.fromImage('cat.png', { tensorFormat: 'RGBA' });
    expect(Array.from(t.data as Float32Array)).toEqual(Array.from((await expected(pixels(2, 3), { tensorFormat: 'RGBA' })).data as Float32Array));
    await expect(Tensor.fromImage('cat.gif')).rejects.toThrow(TensorConversionError);
  });

  it('refuses an image with no pixels yet', async () => {
    install({ OffscreenCanvas: FakeCanvas });
    await expect(Tensor.fromImage({ width: 0, height: 0 })).rejects.toThrow(/wait for it to load/);
  });
});

describe('toDataURL in a page', () => {
  it('puts toImageData\'s pixels on a canvas and returns its data URL', () => {
    const canvas = new FakeCanvas();
    install({ document: { createElement: () => canvas }, ImageData: FakeImageData });
    const t = new Tensor('float32', Float32Array.from({ length: 12 }, (_, i) => i / 12), [1, 3, 2, 2]);
    expect(t.toDataURL()).toBe('data:image/png;base64,FROM-CANVAS');
    expect([canvas.width, canvas.height]).toEqual([2, 2]);
    expect(canvas.put).toBeInstanceOf(FakeImageData);
    expect(Array.from(canvas.put!.data)).toEqual(Array.from(t.toImageData().data));
  });
});
