// Running sums and products along one axis (CumSum, CumProd), with the exclusive and reverse
// variants. Each step reads the previous output back, so the accumulation rounds to the
// element type at every step, as numpy's cumsum/cumprod do.
import type { Tensor } from '../../data/tensor.js';
import { axisBlocks } from './axis-blocks.js';
import { allocCompute, computeView, fromCompute } from './values.js';

export type ScanKind = 'sum' | 'prod';

export function cumulativeScan(x: Tensor, axis: number, kind: ScanKind, exclusive: boolean, reverse: boolean): Tensor {
  const src = computeView(x) as unknown as { [i: number]: number };
  const out = allocCompute(x.type, x.size) as unknown as { [i: number]: number };
  const big = typeof src[0] === 'bigint';
  const identity = (kind === 'sum' ? (big ? 0n : 0) : big ? 1n : 1) as number;
  const { outer, size, inner } = axisBlocks(x.dims, axis);
  // walk the axis forwards or backwards: `step` is the distance to the previous element
  const step = reverse ? -inner : inner;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const first = o * size * inner + k + (reverse ? (size - 1) * inner : 0);
      for (let j = 0, p = first; j < size; j++, p += step) {
        if (j === 0) out[p] = exclusive ? identity : src[p];
        else {
          const addend = exclusive ? src[p - step] : src[p];
          out[p] = kind === 'sum' ? out[p - step] + addend : out[p - step] * addend;
        }
      }
    }
  }
  return fromCompute(x.type, out as never, x.dims);
}
