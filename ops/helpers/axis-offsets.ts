// For GatherElements/ScatterElements: every position of the indices tensor addresses the data
// element with the same coordinates except along `axis`, where the index value takes over.

/**
 * For each position (row-major) of a tensor shaped `dims`, Σ coordinate[k] * strides[k] over
 * every axis k but `axis`: add index * strides[axis] to reach the addressed element.
 */
export function offsetsBesideAxis(dims: readonly number[], strides: readonly number[], axis: number): Int32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const out = new Int32Array(n);
  const rank = dims.length;
  const counter = new Array<number>(rank).fill(0);
  let base = 0;
  for (let i = 0; i < n; i++) {
    out[i] = base;
    for (let k = rank - 1; k >= 0; k--) {
      if (k !== axis) base += strides[k];
      if (++counter[k] < dims[k]) break;
      if (k !== axis) base -= strides[k] * dims[k];
      counter[k] = 0;
    }
  }
  return out;
}
