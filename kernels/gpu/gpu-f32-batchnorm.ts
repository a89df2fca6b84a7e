// BatchNormalization for inference: per channel (axis 1) y = (x - mean) * scale / sqrt(var + eps) + b.
import { type GpuKernelSpec, divmod, kernelSource, lit, product, shapeKey } from './kernel-spec.js';

export function planBatchNorm(xDims: readonly number[], epsilon: number): GpuKernelSpec {
  const C = xDims[1] ?? 1;
  const inner = product(xDims.slice(2));
  const body = [
    'const i = this.thread.x;',
    divmod('outer', 'pos', 'i', inner),
    divmod('nb', 'c', 'outer', C),
    `return (x[i] - mean[c]) * (scale[c] / Math.sqrt(variance[c] + ${lit(epsilon)})) + bias[c];`,
  ];
  return {
    key: `batchnorm:${shapeKey(xDims)}:${epsilon}`,
    source: kernelSource(['x', 'scale', 'bias', 'mean', 'variance'], body.join('\n  ')),
    outputSize: product(xDims),
    loopMax: 0,
  };
}
