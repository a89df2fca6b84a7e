// resizePixels: area averages where an axis shrinks, half-pixel bilinear where it grows.
import { describe, expect, it } from 'vitest';
import { resizePixels } from '../../data/image/resize-pixels.js';
import type { ImageFormat } from '../../data/image/image-types.js';

const gray = (values: number[], width: number, height: number, format: ImageFormat = 'RGB') => {
  const channels = format === 'RGBA' ? 4 : 3;
  const data = new Uint8ClampedArray(values.length * channels);
  values.forEach((v, i) => data.fill(v, i * channels, (i + 1) * channels));
  return { data, width, height, format };
};
const firstChannel = (p: { data: ArrayLike<number> }, channels = 3) => Array.from({ length: p.data.length / channels }, (_, i) => p.data[i * channels]);

describe('resizePixels', () => {
  it('returns the same pixels at the same size', () => {
    const p = gray([1, 2, 3, 4], 2, 2);
    expect(resizePixels(p, 2, 2)).toBe(p);
  });

  it('interpolates between pixel centers when enlarging, clamping at the edges', () => {
    expect(firstChannel(resizePixels(gray([0, 100], 2, 1), 4, 1))).toEqual([0, 25, 75, 100]);
    expect(firstChannel(resizePixels(gray([0, 100], 1, 2), 1, 4))).toEqual([0, 25, 75, 100]);
  });

  it('averages the covered source pixels when shrinking, fractions included', () => {
    expect(firstChannel(resizePixels(gray([10, 20, 30, 40], 4, 1), 2, 1))).toEqual([15, 35]);
    expect(firstChannel(resizePixels(gray([0, 90, 180], 3, 1), 2, 1))).toEqual([30, 150]);
    expect(firstChannel(resizePixels(gray([0, 50, 100, 150, 200, 250], 3, 2), 1, 1))).toEqual([125]);
  });

  it('keeps a flat image flat and every channel apart, at any scale', () => {
    const data = new Uint8ClampedArray(7 * 5 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([10, 200, 33, 128], i);
    for (const [w, h] of [[3, 2], [13, 11], [1, 9], [7, 1]]) {
      const out = resizePixels({ data, width: 7, height: 5, format: 'RGBA' }, w, h);
      expect(out.data.length).toBe(w * h * 4);
      for (let i = 0; i < out.data.length; i += 4) expect(Array.from(out.data.subarray(i, i + 4))).toEqual([10, 200, 33, 128]);
    }
  });
});
