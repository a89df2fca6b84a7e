// What the ImageDecoder format readers produce: 8-bit samples, row-major, interleaved.
import { InvalidInputError } from '../../../data/errors.js';

export interface DecodedImage {
  width: number;
  height: number;
  /** 1 (gray) or 3 (RGB); alpha is dropped by the readers. */
  channels: 1 | 3;
  data: Uint8Array;
}

/** Refuses dimensions whose pixel buffer could not be allocated (or would exhaust memory). */
export function checkImageSize(format: string, width: number, height: number): void {
  if (!(width > 0 && height > 0) || width * height > 1 << 28) {
    throw new InvalidInputError(`ImageDecoder: ${format} image has unsupported dimensions ${width}×${height}`);
  }
}

export function truncated(format: string): InvalidInputError {
  return new InvalidInputError(`ImageDecoder: the ${format} data is truncated or corrupt`);
}

/** RGBA (what the wasm codecs return) → RGB, the alpha dropped like the other readers drop it. */
export function fromRgba(format: string, width: number, height: number, rgba: ArrayLike<number>): DecodedImage {
  checkImageSize(format, width, height);
  const n = width * height;
  if (rgba.length < n * 4) throw truncated(format);
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    data[3 * i] = rgba[4 * i];
    data[3 * i + 1] = rgba[4 * i + 1];
    data[3 * i + 2] = rgba[4 * i + 2];
  }
  return { width, height, channels: 3, data };
}
