// The layout most axis-wise kernels loop over: a tensor seen as [outer, size, inner] around one axis.
import { sizeOf } from './shape.js';

export interface AxisBlocks {
  /** Elements before the axis (product of the leading dims). */
  outer: number;
  /** Length of the axis. */
  size: number;
  /** Elements after the axis: the distance between neighbours along it. */
  inner: number;
}

export function axisBlocks(dims: readonly number[], axis: number): AxisBlocks {
  return { outer: sizeOf(dims.slice(0, axis)), size: dims[axis], inner: sizeOf(dims.slice(axis + 1)) };
}
