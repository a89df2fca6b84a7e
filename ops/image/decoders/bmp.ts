// Windows bitmaps: uncompressed (BI_RGB) 1/4/8-bit palette and 24/32-bit images, and
// BI_BITFIELDS 16/32-bit. Rows are stored bottom-up unless the height is negative.
import { InvalidInputError } from '../../../data/errors.js';
import { type DecodedImage, checkImageSize, truncated } from './decoded-image.js';

export function isBmp(b: Uint8Array): boolean {
  return b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d;
}

/** Reads a channel out of a packed pixel through its bit mask, scaled to 8 bits. */
function maskReader(mask: number): (v: number) => number {
  if (mask === 0) return () => 0;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  return (v) => Math.round((((v & mask) >>> shift) * 255) / max);
}

export function decodeBmp(b: Uint8Array): DecodedImage {
  if (b.length < 54) throw truncated('BMP');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataAt = view.getUint32(10, true);
  const dibSize = view.getUint32(14, true);
  if (dibSize < 40) throw new InvalidInputError('ImageDecoder: unsupported image format (OS/2 bitmap header)');
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  checkImageSize('BMP', width, height);
  const topDown = rawHeight < 0;
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataAt + stride * height > b.length) throw truncated('BMP');
  const out = new Uint8Array(width * height * 3);

  let palette: Uint8Array | undefined;
  let masks: ((v: number) => number)[] | undefined;
  if (compression === 0 && bpp <= 8) {
    const used = view.getUint32(46, true) || 1 << bpp;
    const at = 14 + dibSize;
    if (at + used * 4 > b.length) throw truncated('BMP');
    palette = b.subarray(at, at + used * 4); // B, G, R, reserved
  } else if (compression === 3 && (bpp === 16 || bpp === 32)) {
    // the masks follow a 40-byte header, or are part of a V4/V5 header
    const m = (i: number) => view.getUint32(54 + 4 * i, true);
    masks = [maskReader(m(0)), maskReader(m(1)), maskReader(m(2))];
  } else if (!(compression === 0 && (bpp === 24 || bpp === 32 || bpp === 16))) {
    throw new InvalidInputError(`ImageDecoder: unsupported image format (BMP with ${bpp} bits per pixel, compression ${compression})`);
  }
  if (compression === 0 && bpp === 16) masks = [maskReader(0x7c00), maskReader(0x03e0), maskReader(0x001f)];

  for (let y = 0; y < height; y++) {
    const row = dataAt + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (palette) {
        const bit = x * bpp;
        const byte = b[row + (bit >> 3)];
        const index = bpp === 8 ? byte : (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        if (index * 4 + 2 >= palette.length) throw truncated('BMP');
        out[o] = palette[index * 4 + 2]; out[o + 1] = palette[index * 4 + 1]; out[o + 2] = palette[index * 4];
      } else if (masks) {
        const v = bpp === 16 ? view.getUint16(row + x * 2, true) : view.getUint32(row + x * 4, true);
        out[o] = masks[0](v); out[o + 1] = masks[1](v); out[o + 2] = masks[2](v);
      } else {
        const p = row + x * (bpp / 8);
        out[o] = b[p + 2]; out[o + 1] = b[p + 1]; out[o + 2] = b[p];
      }
    }
  }
  return { width, height, channels: 3, data: out };
}
