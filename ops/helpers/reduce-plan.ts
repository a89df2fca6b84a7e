// Strided geometry of a reduction, computed once per input shape so the reduction loops only
// add precomputed offsets: no per-element index decoding.
//
// Adjacent axes of the same kind (all reduced or all kept) are merged and size-1 axes dropped,
// so the common cases collapse to a single run per output: LayerNorm's last-axis mean is one
// contiguous run of D elements, a mean over H×W in NCHW is one contiguous run of H·W, and a
// channel sum over [N, C, HW] is one run of C elements HW apart.

export interface ReducePlan {
  /** Number of outputs (product of the kept dims). */
  outSize: number;
  /** Number of elements each output reduces (product of the reduced dims). */
  count: number;
  /** Flat input offset of the first element reduced into each output. */
  outBases: Int32Array;
  /** Offsets from an output's base of each innermost reduced run. */
  runStarts: Int32Array;
  /** Each run is `runLength` elements, `runStep` apart. */
  runLength: number;
  runStep: number;
}

/** All sums Σ k_i·stride_i with 0 <= k_i < size_i, the first group varying slowest. */
function offsetTable(sizes: number[], strides: number[]): Int32Array {
  let table = new Int32Array([0]);
  for (let g = 0; g < sizes.length; g++) {
    const size = sizes[g], stride = strides[g];
    const next = new Int32Array(table.length * size);
    let w = 0;
    for (let i = 0; i < table.length; i++) {
      for (let k = 0, o = table[i]; k < size; k++, o += stride) next[w++] = o;
    }
    table = next;
  }
  return table;
}

/** `axes` must be normalized (0 <= axis < rank) and free of repeats. */
export function planReduction(dims: readonly number[], axes: readonly number[]): ReducePlan {
  const reduced = new Set(axes);
  let outSize = 1, count = 1;
  dims.forEach((d, i) => {
    if (reduced.has(i)) count *= d; else outSize *= d;
  });
  if (outSize === 0 || count === 0) {
    return { outSize, count, outBases: new Int32Array(outSize), runStarts: new Int32Array(0), runLength: 0, runStep: 0 };
  }
  // merge axes into groups of one kind, innermost last
  const sizes: number[] = [], kinds: boolean[] = [];
  dims.forEach((d, i) => {
    if (d === 1) return;
    const r = reduced.has(i);
    if (kinds.length > 0 && kinds[kinds.length - 1] === r) sizes[sizes.length - 1] *= d;
    else { sizes.push(d); kinds.push(r); }
  });
  const strides = new Array<number>(sizes.length);
  for (let g = sizes.length - 1, acc = 1; g >= 0; g--) {
    strides[g] = acc;
    acc *= sizes[g];
  }
  const lastReduced = kinds.lastIndexOf(true);
  const keptSizes: number[] = [], keptStrides: number[] = [], outerSizes: number[] = [], outerStrides: number[] = [];
  for (let g = 0; g < sizes.length; g++) {
    if (!kinds[g]) { keptSizes.push(sizes[g]); keptStrides.push(strides[g]); }
    else if (g !== lastReduced) { outerSizes.push(sizes[g]); outerStrides.push(strides[g]); }
  }
  return {
    outSize,
    count,
    outBases: offsetTable(keptSizes, keptStrides),
    runStarts: offsetTable(outerSizes, outerStrides),
    runLength: lastReduced >= 0 ? sizes[lastReduced] : 1,
    runStep: lastReduced >= 0 ? strides[lastReduced] : 0,
  };
}

/**
 * Folds one run of a reduction into `acc`: elements x[start], x[start + step], ... (n of them).
 * `shift` carries a per-output constant for kernels that need one (log-sum-exp's max).
 */
export type RunKernel<T> = (x: ArrayLike<T>, start: number, step: number, n: number, acc: T, shift: T) => T;

/** Applies a run kernel over every output of a plan; one call per run, never per element. */
export function reduceWithPlan<T>(
  x: ArrayLike<T>, plan: ReducePlan, kernel: RunKernel<T>, init: T, out: { [i: number]: T }, shift?: ArrayLike<T>,
): void {
  const { outSize, outBases, runStarts, runLength, runStep } = plan;
  const runs = runStarts.length;
  for (let o = 0; o < outSize; o++) {
    const base = outBases[o];
    const s = shift ? shift[o] : init;
    let acc = init;
    for (let r = 0; r < runs; r++) acc = kernel(x, base + runStarts[r], runStep, runLength, acc, s);
    out[o] = acc;
  }
}
