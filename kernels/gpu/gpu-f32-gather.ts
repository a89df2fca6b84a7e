// Gather along one axis, by indices already bounds-checked and normalized on the host.
import { type GpuKernelSpec, divmod, kernelSource } from './kernel-spec.js';

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
