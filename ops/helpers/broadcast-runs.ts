// Two-input numpy broadcasting as runs: stretches of consecutive output elements along which
// each input either advances one element at a time (step 1) or repeats one element (step 0).
// Kernels then loop over plain offsets instead of looking up an index per element, and
// [N,C,H,W] + [C,1,1] costs N*C runs of H*W elements each.
import { sizeOf, stridesOf } from './shape.js';

/** One run: `length` output elements from `outStart`, reading a and b from their starts by their steps. */
export type RunVisitor = (aStart: number, aStep: number, bStart: number, bStep: number, outStart: number, length: number) => void;

// Strides of an input on the output's axes: 0 where the input repeats (size 1 or missing).
function alignedStrides(dims: readonly number[], rank: number): number[] {
  const pad = rank - dims.length;
  const s = stridesOf(dims);
  const out = new Array<number>(rank).fill(0);
  for (let k = 0; k < dims.length; k++) if (dims[k] !== 1) out[k + pad] = s[k];
  return out;
}

/**
 * Calls `visit` for each run of the output of shape `outDims` (the broadcast of `aDims` and
 * `bDims`, which the caller has already checked), in output order.
 */
export function forEachBroadcastRun(
  outDims: readonly number[], aDims: readonly number[], bDims: readonly number[], visit: RunVisitor,
): void {
  const n = sizeOf(outDims);
  if (n === 0) return;
  const rank = outDims.length;
  const sa = alignedStrides(aDims, rank);
  const sb = alignedStrides(bDims, rank);
  // Axes grouped innermost first; an axis joins the group inside it when both inputs step
  // through the two as through one longer axis (both contiguous, or both repeating).
  const dims: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  for (let k = rank - 1; k >= 0; k--) {
    const d = outDims[k];
    if (d === 1) continue;
    const g = dims.length - 1;
    if (g >= 0 && sa[k] === as[g] * dims[g] && sb[k] === bs[g] * dims[g]) {
      dims[g] *= d;
    } else {
      dims.push(d);
      as.push(sa[k]);
      bs.push(sb[k]);
    }
  }
  if (dims.length === 0) {
    visit(0, 0, 0, 0, 0, 1);
    return;
  }
  const len = dims[0];
  const aStep = as[0];
  const bStep = bs[0];
  const groups = dims.length;
  const counter = new Array<number>(groups).fill(0);
  let ao = 0;
  let bo = 0;
  for (let o = 0; o < n; o += len) {
    visit(ao, aStep, bo, bStep, o, len);
    // advance the odometer over the outer groups
    for (let g = 1; g < groups; g++) {
      if (++counter[g] < dims[g]) {
        ao += as[g];
        bo += bs[g];
        break;
      }
      counter[g] = 0;
      ao -= as[g] * (dims[g] - 1);
      bo -= bs[g] * (dims[g] - 1);
    }
  }
}
