// Data movement: Concat, Transpose and Gather. One thread per output element computes where
// its value comes from.
import { type GpuKernelSpec, coords, divmod, kernelSource, offset, shapeKey } from './kernel-spec.js';

const product = (xs: readonly number[]) => xs.reduce((p, d) => p * d, 1);

/** Most inputs one Concat kernel binds (WebGPU's default limit is 8 storage buffers per stage, one being the output). */
export const MAX_CONCAT_INPUTS = 6;

/** Concat of inputs viewed as [outer, lengths[k], inner] along their middle axis. */
export function planConcat(outer: number, lengths: readonly number[], inner: number): GpuKernelSpec {
  const total = lengths.reduce((p, d) => p + d, 0);
  const args = lengths.map((_, k) => `a${k}`);
  const picks: string[] = [];
  let start = 0;
  lengths.forEach((len, k) => {
    const read = `a${k}[(o * ${len} + j - ${start}) * ${inner} + inn]`;
    picks.push(k === lengths.length - 1 ? `return ${read};` : `if (j < ${start + len}) { return ${read}; }`);
    start += len;
  });
  const body = ['const i = this.thread.x;', divmod('rest', 'inn', 'i', inner), divmod('o', 'j', 'rest', total), ...picks];
  return {
    key: `concat:${outer}:${lengths.join(',')}:${inner}`,
    source: kernelSource(args, body.join('\n  ')),
    outputSize: outer * total * inner,
    loopMax: 0,
  };
}

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

/** Gather along the middle axis of data [outer, axisLen, inner], by `count` (normalized, float) indices. */
export function planGather(outer: number, axisLen: number, inner: number, count: number): GpuKernelSpec {
  const body = [
    'const i = this.thread.x;',
    divmod('rest', 'inn', 'i', inner),
    divmod('o', 'q', 'rest', count),
    `return x[(o * ${axisLen} + idx[q]) * ${inner} + inn];`,
  ];
  return {
    key: `gather:${outer}:${axisLen}:${inner}:${count}`,
    source: kernelSource(['x', 'idx'], body.join('\n  ')),
    outputSize: outer * count * inner,
    loopMax: 0,
  };
}
