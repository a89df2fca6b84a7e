// PNG: all color types and bit depths, Adam7 interlacing; the zlib stream is inflated by the
// platform's DecompressionStream. 16-bit samples keep their high byte; alpha is dropped.
import { InvalidInputError } from '../../../data/errors.js';
import { type DecodedImage, checkImageSize, truncated } from './decoded-image.js';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && SIGNATURE.every((v, i) => b[i] === v);
}

/** Inflates a zlib stream, reading no more than `limit` bytes of output. */
async function inflate(data: Uint8Array, limit: number): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  const out = new Uint8Array(limit);
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.length, limit - filled);
      out.set(value.subarray(0, take), filled);
      filled += take;
      if (filled >= limit) break;
    }
  } catch {
    throw truncated('PNG');
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (filled < limit) throw truncated('PNG');
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters of a w×h (sub)image in place; returns the unfiltered rows. */
function unfilter(raw: Uint8Array, at: number, rowBytes: number, h: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rowBytes * h);
  for (let y = 0; y < h; y++) {
    const filter = raw[at + y * (rowBytes + 1)];
    const src = at + y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    const prev = row - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bpp ? out[row + i - bpp] : 0;
      const up = y > 0 ? out[prev + i] : 0;
      const upLeft = y > 0 && i >= bpp ? out[prev + i - bpp] : 0;
      const v = raw[src + i];
      switch (filter) {
        case 0: out[row + i] = v; break;
        case 1: out[row + i] = v + left; break;
        case 2: out[row + i] = v + up; break;
        case 3: out[row + i] = v + ((left + up) >> 1); break;
        case 4: out[row + i] = v + paeth(left, up, upLeft); break;
        default: throw new InvalidInputError(`ImageDecoder: PNG row filter ${filter} is invalid`);
      }
    }
  }
  return out;
}

const ADAM7 = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
] as const; // x0, y0, dx, dy

export async function decodePng(b: Uint8Array): Promise<DecodedImage> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  let width = 0, height = 0, depth = 0, colorType = -1, interlace = 0;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (at + 8 <= b.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(b[at + 4], b[at + 5], b[at + 6], b[at + 7]);
    const body = b.subarray(at + 8, at + 8 + len);
    if (body.length < len) throw truncated('PNG');
    if (type === 'IHDR') {
      if (len < 13) throw truncated('PNG');
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = b[at + 16];
      colorType = b[at + 17];
      interlace = b[at + 20];
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  checkImageSize('PNG', width, height);
  const samplesPer = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!samplesPer || ![1, 2, 4, 8, 16].includes(depth)) {
    throw new InvalidInputError(`ImageDecoder: PNG color type ${colorType} with bit depth ${depth} is invalid`);
  }
  if (colorType === 3 && !palette) throw truncated('PNG');
  const bitsPerPixel = samplesPer * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const rowBytesOf = (w: number) => Math.ceil((w * bitsPerPixel) / 8);
  const passes = interlace
    ? ADAM7.map(([x0, y0, dx, dy]) => ({ x0, y0, dx, dy, w: Math.ceil((width - x0) / dx), h: Math.ceil((height - y0) / dy) }))
    : [{ x0: 0, y0: 0, dx: 1, dy: 1, w: width, h: height }];
  const total = passes.reduce((s, p) => s + (p.w > 0 && p.h > 0 ? (rowBytesOf(p.w) + 1) * p.h : 0), 0);
  const compressed = new Uint8Array(idat.reduce((s, c) => s + c.length, 0));
  idat.reduce((o, c) => (compressed.set(c, o), o + c.length), 0);
  const raw = await inflate(compressed, total);

  const gray = colorType === 0 || colorType === 4;
  const channels: 1 | 3 = gray ? 1 : 3;
  const out = new Uint8Array(width * height * channels);
  const maxSample = (1 << Math.min(depth, 8)) - 1;
  let offset = 0;
  for (const p of passes) {
    if (p.w <= 0 || p.h <= 0) continue;
    const rowBytes = rowBytesOf(p.w);
    const rows = unfilter(raw, offset, rowBytes, p.h, bpp);
    offset += (rowBytes + 1) * p.h;
    /** Sample s of pixel x in row y, as stored (high byte for 16-bit). */
    const sample = (y: number, x: number, s: number) => {
      if (depth === 8) return rows[y * rowBytes + x * samplesPer + s];
      if (depth === 16) return rows[y * rowBytes + (x * samplesPer + s) * 2];
      const bit = (x * samplesPer + s) * depth;
      return (rows[y * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & maxSample;
    };
    for (let y = 0; y < p.h; y++) {
      for (let x = 0; x < p.w; x++) {
        const o = ((p.y0 + y * p.dy) * width + p.x0 + x * p.dx) * channels;
        if (colorType === 3) {
          const i = sample(y, x, 0) * 3;
          if (i + 2 >= palette!.length) throw truncated('PNG');
          out[o] = palette![i]; out[o + 1] = palette![i + 1]; out[o + 2] = palette![i + 2];
        } else if (gray) {
          // low bit depths scale up to the full 8-bit range
          out[o] = depth < 8 ? (sample(y, x, 0) * 255) / maxSample : sample(y, x, 0);
        } else {
          out[o] = sample(y, x, 0); out[o + 1] = sample(y, x, 1); out[o + 2] = sample(y, x, 2);
        }
      }
    }
  }
  return { width, height, channels, data: out };
}
