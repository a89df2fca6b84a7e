// The Lp norm LpPool and GlobalLpPool take over each window.
import type { NumberArray } from '../../data/number-array.js';
import type { OpContext } from '../types.js';

export function readLpExponent(ctx: OpContext): number {
  // version 1 declares p a float, later versions an int; the reader accepts both
  const p = ctx.attrs.float('p', 2);
  if (!(p > 0)) throw ctx.attrs.error(`p must be positive, got ${p}`, 'p');
  return p;
}

/** (sum |src[base + at[t]]|^p)^(1/p) for t in [start, end); `at` undefined means consecutive cells. */
export function lpNorm(src: NumberArray, base: number, at: Int32Array | undefined, start: number, end: number, p: number): number {
  let s = 0;
  if (p === 2) {
    for (let t = start; t < end; t++) {
      const v = src[base + (at ? at[t] : t)];
      s += v * v;
    }
    return Math.sqrt(s);
  }
  if (p === 1) {
    for (let t = start; t < end; t++) s += Math.abs(src[base + (at ? at[t] : t)]);
    return s;
  }
  for (let t = start; t < end; t++) s += Math.abs(src[base + (at ? at[t] : t)]) ** p;
  return s ** (1 / p);
}
