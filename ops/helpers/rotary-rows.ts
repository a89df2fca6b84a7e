// Rotary position embedding applied to head vectors in place, shared by RotaryEmbedding and
// GroupQueryAttention (do_rotary). The first `rotaryDim` entries of a head vector form pairs
// (its two halves, or even/odd entries when interleaved) that rotate by the angle of the
// token's position; the remaining entries are left as they are.
import type { FloatArray } from './float-data.js';

export interface RotaryCaches {
  cos: ArrayLike<number>;
  sin: ArrayLike<number>;
  /** Rows of the caches: the largest position + 1. */
  rows: number;
  /** Entries per row: rotaryDim / 2. */
  half: number;
}

/** Rotates the head vector at `x[offset ..]` for cache row `position`. */
export function rotateHead(x: FloatArray, offset: number, position: number, caches: RotaryCaches, interleaved: boolean): void {
  const { cos, sin, half } = caches;
  const row = position * half;
  for (let i = 0; i < half; i++) {
    const i1 = offset + (interleaved ? 2 * i : i);
    const i2 = offset + (interleaved ? 2 * i + 1 : i + half);
    const c = cos[row + i], s = sin[row + i];
    const x1 = x[i1], x2 = x[i2];
    x[i1] = x1 * c - x2 * s;
    x[i2] = x2 * c + x1 * s;
  }
}
