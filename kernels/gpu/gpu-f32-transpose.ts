// Transpose: one thread per output element reads the input at the permuted coordinates.
import { type GpuKernelSpec, coords, kernelSource, offset, product, shapeKey } from './kernel-spec.js';

/** Transpose: output axis d is input axis perm[d]. */
export function planTranspose(xDims: readonly number[], perm: readonly number[]): { spec: GpuKernelSpec; outDims: number[] } {
  const outDims = perm.map((p) => xDims[p]);
  const inStrides = xDims.map((_, i) => product(xDims.slice(i + 1)));
  const body = ['const i = this.thread.x;', coords('o', 'i', outDims), `return x[${offset('o', perm.map((p) => (xDims[p] === 1 ? 0 : inStrides[p])))}];`];
  return {
    spec: { key: `transpose:${shapeKey(xDims)}:${perm.join(',')}`, source: kernelSource(['x'], body.join('\n  ')), outputSize: product(outDims), loopMax: 0 },
    outDims,
  };
}

