// JPEG through libjpeg-turbo compiled to WebAssembly (@cwasm/jpeg-turbo, the wasm shipped in
// the package): the decoder Pillow uses, with its defaults (accurate integer IDCT, fancy
// chroma upsampling), so pixels match what onnx's reference decodes bit for bit.
import { type DecodedImage, fromRgba } from './decoded-image.js';
import { codecFailure, loadCodec } from './load-codec.js';

type JpegTurbo = typeof import('@cwasm/jpeg-turbo');

export function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

export async function decodeJpeg(b: Uint8Array): Promise<DecodedImage> {
  const codec = await loadCodec<JpegTurbo>('@cwasm/jpeg-turbo', 'JPEG');
  let image: { width: number; height: number; data: ArrayLike<number> };
  try {
    image = codec.decode(b);
  } catch (e) {
    throw codecFailure('JPEG', e);
  }
  return fromRgba('JPEG', image.width, image.height, image.data);
}
