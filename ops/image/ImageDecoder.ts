import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { decodeBmp, isBmp } from './decoders/bmp.js';
import type { DecodedImage } from './decoders/decoded-image.js';
import { decodeJpeg, isJpeg } from './decoders/jpeg.js';
import { decodeJpeg2000, isJpeg2000 } from './decoders/jpeg2000.js';
import { decodePng, isPng } from './decoders/png.js';
import { decodePnm, isPnm } from './decoders/pnm.js';
import { decodeTiff, isTiff } from './decoders/tiff.js';
import { decodeWebp, isWebp } from './decoders/webp.js';

async function decode(b: Uint8Array): Promise<DecodedImage> {
  if (isPng(b)) return decodePng(b);
  if (isJpeg(b)) return decodeJpeg(b);
  if (isBmp(b)) return decodeBmp(b);
  if (isPnm(b)) return decodePnm(b);
  if (isWebp(b)) return decodeWebp(b);
  if (isTiff(b)) return decodeTiff(b);
  if (isJpeg2000(b)) return decodeJpeg2000(b);
  const gif = b.length >= 3 && String.fromCharCode(b[0], b[1], b[2]) === 'GIF';
  throw new InvalidInputError(
    `ImageDecoder: unsupported image format (${gif ? 'GIF' : 'unknown'}); this runtime decodes JPEG, PNG, BMP, PNM (PPM/PGM/PBM), WebP, TIFF and JPEG 2000 images`,
  );
}

/** ITU-R 601-2 luma in 16-bit fixed point, as Pillow's RGB → L conversion computes it. */
function toGray(img: DecodedImage): Uint8Array {
  if (img.channels === 1) return img.data;
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) out[i] = (d[3 * i] * 19595 + d[3 * i + 1] * 38470 + d[3 * i + 2] * 7471 + 0x8000) >> 16;
  return out;
}

function toColor(img: DecodedImage, bgr: boolean): Uint8Array {
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  const d = img.data;
  const gray = img.channels === 1;
  for (let i = 0; i < n; i++) {
    const r = gray ? d[i] : d[3 * i];
    const g = gray ? d[i] : d[3 * i + 1];
    const b = gray ? d[i] : d[3 * i + 2];
    out[3 * i] = bgr ? b : r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = bgr ? r : b;
  }
  return out;
}

// encoded_stream (1-D uint8) → [H, W, 3] (RGB or BGR) or [H, W, 1] (Grayscale), uint8.
export const ImageDecoder = [
  defineOp('ImageDecoder', 20, (ctx) => {
    const format = ctx.attrs.string('pixel_format', 'RGB');
    if (!['RGB', 'BGR', 'Grayscale'].includes(format)) throw ctx.attrs.error(`pixel_format must be RGB, BGR or Grayscale, got "${format}"`, 'pixel_format');
    return async (inputs) => {
      const x = tensorInput(inputs, 0, 'encoded_stream');
      if (x.type !== 'uint8' || x.dims.length !== 1) throw new InvalidInputError(`ImageDecoder: encoded_stream must be 1-D uint8, got ${x.type} [${x.dims}]`);
      const img = await decode(x.data as Uint8Array);
      if (format === 'Grayscale') return [new Tensor('uint8', toGray(img), [img.height, img.width, 1])];
      return [new Tensor('uint8', toColor(img, format === 'BGR'), [img.height, img.width, 3])];
    };
  }),
];
