// toImageData's and toDataURL's results: a real ImageData where the host has the class, an
// object of its shape in Node; a PNG data URL from a page's canvas, or from our own encoder.
import { host } from '../platform/host.js';
import type { ImageDataLike, ImageDataResult } from './image-types.js';
import { encodePng } from './png-encode.js';
import type { RgbaPixels } from './tensor-to-pixels.js';

type ImageDataClass = new (data: Uint8ClampedArray, width: number, height: number) => ImageDataResult;

export function toImageDataObject(pixels: RgbaPixels): ImageDataResult {
  const ImageData = (globalThis as { ImageData?: ImageDataClass }).ImageData;
  if (ImageData) return new ImageData(pixels.data, pixels.width, pixels.height);
  return { data: pixels.data, width: pixels.width, height: pixels.height, colorSpace: 'srgb' };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface PageCanvas {
  width: number; height: number; toDataURL(): string;
  getContext(kind: '2d'): { putImageData(image: ImageDataLike, x: number, y: number): void } | null;
}

export function toPngDataUrl(pixels: RgbaPixels): string {
  // a page's canvas compresses better than our stored blocks; elsewhere (Node, workers) encode ourselves
  const doc = (globalThis as { document?: { createElement(tag: 'canvas'): PageCanvas } }).document;
  const canvas = doc && typeof (globalThis as { ImageData?: unknown }).ImageData === 'function' ? doc.createElement('canvas') : undefined;
  const context = canvas?.getContext('2d');
  if (canvas && context) {
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    context.putImageData(toImageDataObject(pixels), 0, 0);
    return canvas.toDataURL();
  }
  return `data:image/png;base64,${base64(encodePng(pixels.data, pixels.width, pixels.height, host.deflate))}`;
}
