// LayerNormalization in two passes: two threads per row compute its mean and inverse standard
// deviation (two-pass variance), then one thread per element normalizes, scales and shifts.
import { type GpuKernelSpec, divmod, kernelSource, lit } from './kernel-spec.js';

/** Per row of `length` contiguous values: [mean, 1 / sqrt(variance + epsilon)] (two-pass variance). */
export function planMeanInvStd(rows: number, length: number, epsilon: number): GpuKernelSpec {
  const body = [
    'const t = this.thread.x;',
    divmod('row', 'which', 't', 2),
    `const base = row * ${length};`,
    'let s = 0;',
    `for (let j = 0; j < ${length}; j++) { s += x[base + j]; }`,
    `const mean = s / ${length};`,
    'if (which === 0) { return mean; }',
    'let q = 0;',
    `for (let j = 0; j < ${length}; j++) { const d = x[base + j] - mean; q += d * d; }`,
    `return 1 / Math.sqrt(q / ${length} + ${lit(epsilon)});`,
  ];
  return {
    key: `mean-invstd:${rows}:${length}:${epsilon}`,
    source: kernelSource(['x'], body.join('\n  ')),
    outputSize: rows * 2,
    loopMax: length,
  };
}

/** LayerNormalization's apply: (x - mean) * invStd * scale + bias, scale/bias of `length` or 1 values. */
export function planLayerNormApply(rows: number, length: number, scaleSize: number, biasSize: number | undefined): GpuKernelSpec {
  const pick = (name: string, n: number) => (n === 1 ? `${name}[0]` : `${name}[j]`);
  const body = [
    'const i = this.thread.x;',
    divmod('row', 'j', 'i', length),
    `let v = (x[i] - stats[row * 2]) * stats[row * 2 + 1] * ${pick('scale', scaleSize)};`,
    biasSize === undefined ? '' : `v = v + ${pick('bias', biasSize)};`,
    'return v;',
  ];
  return {
    key: `layernorm-apply:${rows}:${length}:${scaleSize}:${biasSize ?? '-'}`,
    source: kernelSource(biasSize === undefined ? ['x', 'stats', 'scale'] : ['x', 'stats', 'scale', 'bias'], body.filter(Boolean).join('\n  ')),
    outputSize: rows * length,
    loopMax: 0,
  };
}

