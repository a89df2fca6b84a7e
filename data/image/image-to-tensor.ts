// Tensor.fromImage: any source to pixels, the optional resize, then the tensor data.
import { TensorConversionError } from '../errors.js';
import { checkFormat, checkSize, colorsOf } from './image-format.js';
import { pixelsToTensorData, type ImageTensorData } from './pixels-to-tensor.js';
import { readDrawable, readUrl } from './read-browser-image.js';
import { resizePixels } from './resize-pixels.js';
import type { ImageFormat, ImageSource, Pixels, TensorFromImageOptions } from './image-types.js';

function isBytes(v: unknown): v is Uint8ClampedArray | Uint8Array {
  return v instanceof Uint8ClampedArray || v instanceof Uint8Array;
}

/** Interleaved bytes of a known size; their format given, or told by their length. */
function bytesAsPixels(data: Uint8ClampedArray | Uint8Array, width: number, height: number, format: ImageFormat | undefined): Pixels {
  const pixels = width * height;
  const resolved = format ?? (data.length === pixels * 4 ? 'RGBA' : data.length === pixels * 3 ? 'RGB' : undefined);
  const channels = resolved ? colorsOf(resolved).length : 0;
  if (!resolved || data.length !== pixels * channels) {
    const expected = resolved ? `${pixels * channels} (${width}x${height} ${resolved})` : `${pixels * 4} (RGBA) or ${pixels * 3} (RGB)`;
    throw new TensorConversionError(`The pixel buffer holds ${data.length} bytes, but a ${width}x${height} image needs ${expected}`, 'buffer', expected, String(data.length));
  }
  return { data, width, height, format: resolved };
}

async function readSource(source: ImageSource, options: TensorFromImageOptions): Promise<Pixels> {
  const format = checkFormat(options.format, 'format');
  if (typeof source === 'string') return readUrl(source);
  if (isBytes(source)) {
    if (options.width === undefined || options.height === undefined) {
      throw new TensorConversionError('Tensor.fromImage(buffer) needs options.width and options.height', 'width/height', 'numbers', 'undefined');
    }
    return bytesAsPixels(source, checkSize(options.width, 'width'), checkSize(options.height, 'height'), format);
  }
  if (typeof source === 'object' && source !== null) {
    const image = source as { data?: unknown; width: unknown; height: unknown };
    // ImageData, or anything shaped like it (node-canvas, toImageData's result in Node)
    if (isBytes(image.data)) return bytesAsPixels(image.data, checkSize(image.width, 'width'), checkSize(image.height, 'height'), format);
    if (typeof image.width === 'number' && typeof image.height === 'number') return readDrawable(source as Parameters<typeof readDrawable>[0]);
  }
  throw new TensorConversionError(
    'Tensor.fromImage takes ImageData, an ImageBitmap or <img>, a URL, or RGBA/RGB bytes with {width, height}',
    'image', 'ImageData | ImageBitmap | HTMLImageElement | string | Uint8ClampedArray', (source as object)?.constructor?.name ?? typeof source,
  );
}

export async function imageToTensorData(source: ImageSource, options: TensorFromImageOptions = {}): Promise<ImageTensorData> {
  let pixels = await readSource(source, options);
  if (options.resizedWidth !== undefined || options.resizedHeight !== undefined) {
    const width = options.resizedWidth === undefined ? pixels.width : checkSize(options.resizedWidth, 'resizedWidth');
    const height = options.resizedHeight === undefined ? pixels.height : checkSize(options.resizedHeight, 'resizedHeight');
    pixels = resizePixels(pixels, width, height);
  }
  return pixelsToTensorData(pixels, options);
}
