// The RGBA pixels of a browser image (ImageBitmap, HTMLImageElement, canvas, a URL), drawn
// on a 2D canvas at its own size. Everything is looked up on globalThis when called, so Node
// loads this file without a DOM and gets a typed error only if it tries to use one.
import { TensorConversionError } from '../errors.js';
import type { DrawableImage, Pixels } from './image-types.js';

interface Context2D {
  drawImage(image: unknown, dx: number, dy: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface Canvas { width: number; height: number; getContext(kind: '2d'): Context2D | null }
interface Browserish {
  OffscreenCanvas?: new (w: number, h: number) => Canvas;
  document?: { createElement(tag: 'canvas'): Canvas };
  createImageBitmap?: (blob: unknown) => Promise<DrawableImage & { close?(): void }>;
  Image?: new () => DrawableImage & { crossOrigin: string | null; src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null };
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; blob(): Promise<unknown> }>;
}
const g = globalThis as Browserish;

/** A canvas of the given size: OffscreenCanvas (workers too) or a page's canvas element. */
export function createCanvas(width: number, height: number): Canvas | undefined {
  if (g.OffscreenCanvas) return new g.OffscreenCanvas(width, height);
  if (g.document) {
    const canvas = g.document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  }
  return undefined;
}

/** An image element's own pixel size, not its layout size. */
function naturalSize(image: DrawableImage): { width: number; height: number } {
  const n = image as { naturalWidth?: number; naturalHeight?: number };
  return n.naturalWidth && n.naturalHeight ? { width: n.naturalWidth, height: n.naturalHeight } : { width: image.width, height: image.height };
}

export function readDrawable(image: DrawableImage): Pixels {
  const { width, height } = naturalSize(image);
  if (!(width > 0 && height > 0)) {
    throw new TensorConversionError(`The image has no pixels (${width}x${height}); wait for it to load before Tensor.fromImage`, 'image', 'a loaded image', `${width}x${height}`);
  }
  const context = createCanvas(width, height)?.getContext('2d');
  if (!context) {
    throw new TensorConversionError('Reading an image needs a 2D canvas (OffscreenCanvas or document), which this host does not have; pass {data, width, height} pixels instead', 'image');
  }
  context.drawImage(image, 0, 0);
  return { data: context.getImageData(0, 0, width, height).data, width, height, format: 'RGBA' };
}

function loadImageElement(url: string): Promise<DrawableImage> {
  return new Promise((resolve, reject) => {
    const image = new g.Image!();
    image.crossOrigin = 'anonymous';
    image.onload = () => resolve(image);
    image.onerror = () => reject(new TensorConversionError(`Could not load an image from ${url}`, 'url', 'an image URL', url));
    image.src = url;
  });
}

/** Fetches and decodes an image URL (a data: URL too): createImageBitmap where present (workers), else an <img>. */
export async function readUrl(url: string): Promise<Pixels> {
  if (g.createImageBitmap && g.fetch) {
    const response = await g.fetch(url);
    if (!response.ok) throw new TensorConversionError(`Fetching the image ${url} failed: HTTP ${response.status}`, 'url', 'HTTP 200', String(response.status));
    const bitmap = await g.createImageBitmap(await response.blob());
    try {
      return readDrawable(bitmap);
    } finally {
      bitmap.close?.();
    }
  }
  if (g.Image) return readDrawable(await loadImageElement(url));
  throw new TensorConversionError(
    'Tensor.fromImage(url) decodes images with createImageBitmap or <img>, which this host (Node?) lacks; decode the file yourself and pass its RGBA bytes with {width, height}',
    'url', 'a browser host', 'no createImageBitmap',
  );
}
