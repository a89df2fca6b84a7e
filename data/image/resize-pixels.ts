// Scales interleaved 8-bit pixels, separably: an area average where an axis shrinks (every
// source pixel counts, so no aliasing), bilinear with half-pixel centers where it grows. The
// same code runs in Node and browsers, so a resized tensor does not depend on a canvas.
import type { Pixels } from './image-types.js';
import { colorsOf } from './image-format.js';

interface Taps { readonly start: Int32Array; readonly count: Int32Array; readonly index: Int32Array; readonly weight: Float64Array }

/** For each output index along one axis, the source indices it reads and their weights. */
function axisTaps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const index: number[] = [];
  const weight: number[] = [];
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    start[o] = index.length;
    if (scale > 1) {
      const from = o * scale;
      const to = Math.min(inSize, from + scale);
      for (let i = Math.floor(from); i < to; i++) {
        const covered = Math.min(to, i + 1) - Math.max(from, i);
        if (covered > 0) { index.push(i); weight.push(covered / scale); }
      }
    } else {
      const center = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), inSize - 1);
      const left = Math.floor(center);
      const t = center - left;
      index.push(left); weight.push(1 - t);
      if (t > 0) { index.push(left + 1); weight.push(t); }
    }
    count[o] = index.length - start[o];
  }
  return { start, count, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

export function resizePixels(pixels: Pixels, width: number, height: number): Pixels {
  if (width === pixels.width && height === pixels.height) return pixels;
  const channels = colorsOf(pixels.format).length;
  const src = pixels.data;
  const across = axisTaps(pixels.width, width);
  const down = axisTaps(pixels.height, height);
  // rows first, into floats, so the second pass rounds only once
  const rows = new Float64Array(pixels.height * width * channels);
  for (let y = 0; y < pixels.height; y++) {
    const inRow = y * pixels.width * channels;
    const outRow = y * width * channels;
    for (let x = 0; x < width; x++) {
      for (let k = across.start[x], end = k + across.count[x]; k < end; k++) {
        const s = inRow + across.index[k] * channels;
        const w = across.weight[k];
        const o = outRow + x * channels;
        for (let c = 0; c < channels; c++) rows[o + c] += src[s + c] * w;
      }
    }
  }
  const out = new Uint8ClampedArray(height * width * channels);
  const line = width * channels;
  for (let y = 0; y < height; y++) {
    const sum = new Float64Array(line);
    for (let k = down.start[y], end = k + down.count[y]; k < end; k++) {
      const r = down.index[k] * line;
      const w = down.weight[k];
      for (let i = 0; i < line; i++) sum[i] += rows[r + i] * w;
    }
    out.set(sum, y * line);
  }
  return { data: out, width, height, format: pixels.format };
}
