// WebP (lossy and lossless) through libwebp compiled to WebAssembly (@cwasm/webp, the wasm
// shipped in the package): the decoder Pillow uses, so pixels match onnx's reference.
import { type DecodedImage, fromRgba } from './decoded-image.js';
import { codecFailure, loadCodec } from './load-codec.js';

type WebpCodec = typeof import('@cwasm/webp');

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function isWebp(b: Uint8Array): boolean {
  return b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP';
}

export async function decodeWebp(b: Uint8Array): Promise<DecodedImage> {
  const codec = await loadCodec<WebpCodec>('@cwasm/webp', 'WebP');
  let image: { width: number; height: number; data: ArrayLike<number> };
  try {
    image = codec.decode(b);
  } catch (e) {
    throw codecFailure('WebP', e);
  }
  return fromRgba('WebP', image.width, image.height, image.data);
}
