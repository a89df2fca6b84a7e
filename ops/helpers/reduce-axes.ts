// Which axes a reduction covers and the shape it leaves, as the Reduce* family defines them.
import { normalizeAxes } from './shape.js';

/**
 * The reduced axes, normalized and sorted. Omitted or empty axes mean every axis, or, with
 * noop_with_empty_axes, no reduction at all (returned as null: the op is the identity).
 */
export function resolveReduceAxes(rank: number, axes: readonly number[] | undefined, noopWithEmptyAxes = false): number[] | null {
  if (!axes || axes.length === 0) {
    if (noopWithEmptyAxes) return null;
    return Array.from({ length: rank }, (_, i) => i);
  }
  return normalizeAxes(axes, rank, 'axes').sort((a, b) => a - b);
}

/** The output shape: reduced axes become 1 with keepdims, and disappear without. */
export function reducedDims(dims: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  const reduced = new Set(axes);
  const out: number[] = [];
  dims.forEach((d, i) => {
    if (!reduced.has(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return out;
}
