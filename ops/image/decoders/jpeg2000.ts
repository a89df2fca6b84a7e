// JPEG 2000 (a JP2 file or a bare J2K codestream) through the pure-JavaScript decoder of the
// jpeg2000 package (pdf.js's JPX decoder). Tiles are put together into one image; a fourth
// component (alpha) is dropped.
import { InvalidInputError } from '../../../data/errors.js';
import { type DecodedImage, checkImageSize, truncated } from './decoded-image.js';
import { codecFailure, loadCodec } from './load-codec.js';

type Jpeg2000 = typeof import('jpeg2000');

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const J2K_SIGNATURE = [0xff, 0x4f, 0xff, 0x51];

export function isJpeg2000(b: Uint8Array): boolean {
  const starts = (sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);
  return starts(JP2_SIGNATURE) || starts(J2K_SIGNATURE);
}

/** The decoder reads big-endian integers through Node Buffer's methods; a DataView gives them on any host. */
function withBufferReads(b: Uint8Array): Uint8Array {
  const copy = new Uint8Array(b);
  const view = new DataView(copy.buffer);
  return Object.assign(copy, { readUInt16BE: (at: number) => view.getUint16(at), readUInt32BE: (at: number) => view.getUint32(at) });
}

export async function decodeJpeg2000(b: Uint8Array): Promise<DecodedImage> {
  const { JpxImage } = await loadCodec<Jpeg2000>('jpeg2000', 'JPEG 2000');
  const image = new JpxImage();
  try {
    image.parse(withBufferReads(b));
  } catch (e) {
    throw codecFailure('JPEG 2000', e);
  }
  const { width, height, componentsCount: components } = image;
  checkImageSize('JPEG 2000', width, height);
  if (components !== 1 && components !== 3 && components !== 4) {
    throw new InvalidInputError(`ImageDecoder: JPEG 2000 images with ${components} components are not supported (1, 3 or 4)`);
  }
  const channels = components === 1 ? 1 : 3;
  const data = new Uint8Array(width * height * channels);
  for (const tile of image.tiles) {
    if (tile.items.length < tile.width * tile.height * components) throw truncated('JPEG 2000');
    for (let y = 0; y < tile.height; y++) {
      for (let x = 0; x < tile.width; x++) {
        const from = (y * tile.width + x) * components;
        const to = ((tile.top + y) * width + tile.left + x) * channels;
        for (let c = 0; c < channels; c++) data[to + c] = tile.items[from + c];
      }
    }
  }
  return { width, height, channels, data };
}
