// TIFF through the pure-JavaScript decoder of the tiff package (image-js): the first page,
// gray, RGB or palette, 1/8/16-bit samples (16-bit keep their high byte), any compression
// it reads (none, LZW, deflate). Extra samples (alpha) are dropped.
import { InvalidInputError } from '../../../data/errors.js';
import { type DecodedImage, checkImageSize, truncated } from './decoded-image.js';
import { codecFailure, loadCodec } from './load-codec.js';

type TiffCodec = typeof import('tiff');
type TiffPage = ReturnType<TiffCodec['decode']>[number];

export function isTiff(b: Uint8Array): boolean {
  return b.length >= 8 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 42 && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 42));
}

const PHOTOMETRIC = { whiteIsZero: 0, blackIsZero: 1, rgb: 2, palette: 3 };

/** A sample scaled to 8 bits: 1-bit samples to 0/255, 16-bit ones to their high byte. */
function to8Bit(bits: number): (v: number) => number {
  if (bits === 1) return (v) => (v ? 255 : 0);
  if (bits === 8) return (v) => v;
  if (bits === 16) return (v) => v >> 8;
  throw new InvalidInputError(`ImageDecoder: TIFF images with ${bits}-bit samples are not supported (1, 8 or 16)`);
}

function toImage(page: TiffPage): DecodedImage {
  const { width, height, samplesPerPixel: spp, bitsPerSample: bits } = page;
  const type = page.type;
  if (page.sampleFormat === 3) throw new InvalidInputError('ImageDecoder: TIFF images with floating-point samples are not supported');
  if (page.planarConfiguration === 2) throw new InvalidInputError('ImageDecoder: planar (PlanarConfiguration 2) TIFF images are not supported');
  const n = width * height;
  const src = page.data;
  if (src.length < n * spp) throw truncated('TIFF');
  if (type === PHOTOMETRIC.palette) {
    const palette = page.palette;
    if (!palette) throw truncated('TIFF');
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      const rgb = palette[src[i * spp]];
      if (!rgb) throw new InvalidInputError(`ImageDecoder: TIFF palette index ${src[i * spp]} is out of range`);
      // TIFF palettes hold 16-bit values
      for (let c = 0; c < 3; c++) data[3 * i + c] = rgb[c] >> 8;
    }
    return { width, height, channels: 3, data };
  }
  const scale = to8Bit(bits);
  if (type === PHOTOMETRIC.rgb && spp >= 3) {
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) data[3 * i + c] = scale(src[i * spp + c]);
    return { width, height, channels: 3, data };
  }
  if (type === PHOTOMETRIC.blackIsZero || type === PHOTOMETRIC.whiteIsZero) {
    // the decoder has already inverted WhiteIsZero samples
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = scale(src[i * spp]);
    return { width, height, channels: 1, data };
  }
  throw new InvalidInputError(`ImageDecoder: TIFF images of photometric interpretation ${type} with ${spp} samples per pixel are not supported`);
}

export async function decodeTiff(b: Uint8Array): Promise<DecodedImage> {
  const codec = await loadCodec<TiffCodec>('tiff', 'TIFF');
  try {
    // read the header first, so a huge declared size is refused before anything is allocated
    const [header] = codec.decode(b, { pages: [0], ignoreImageData: true });
    if (!header) throw truncated('TIFF');
    checkImageSize('TIFF', header.width, header.height);
    const [page] = codec.decode(b, { pages: [0] });
    return toImage(page);
  } catch (e) {
    throw codecFailure('TIFF', e);
  }
}
