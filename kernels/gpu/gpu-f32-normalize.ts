// Row normalizations in two passes: a statistics kernel with one thread per row (or two, for
// LayerNormalization's mean and inverse deviation), then an element-wise kernel that applies
// them. A row of length L costs O(L) per statistic instead of O(L) per element.
import { type GpuKernelSpec, divmod, kernelSource, lit, shapeKey } from './kernel-spec.js';

/** X viewed as [outer, L, inner]: rows run along the middle axis. */
export interface RowLayout {
  outer: number;
  length: number;
  inner: number;
}

const rowBase = (l: RowLayout) => [
  divmod('o', 'inn', 'row', l.inner),
  `const base = o * ${l.length * l.inner} + inn;`,
].join('\n  ');

/** One value per row: its log-sum-exp (max + log(sum(exp(x - max)))). */
export function planLogSumExp(l: RowLayout): GpuKernelSpec {
  const at = (j: string) => `x[base + ${j}${l.inner === 1 ? '' : ` * ${l.inner}`}]`;
  const body = [
    'const row = this.thread.x;',
    rowBase(l),
    `let m = ${at('0')};`,
    `for (let j = 1; j < ${l.length}; j++) { m = Math.max(m, ${at('j')}); }`,
    'let s = 0;',
    `for (let j = 0; j < ${l.length}; j++) { s += Math.exp(${at('j')} - m); }`,
    'return m + Math.log(s);',
  ];
  return {
    key: `logsumexp:${l.outer}:${l.length}:${l.inner}`,
    source: kernelSource(['x'], body.join('\n  ')),
    outputSize: l.outer * l.inner,
    loopMax: l.length,
  };
}

/** Softmax (exp(x - lse)) or LogSoftmax (x - lse) from the per-row log-sum-exp. */
export function planSoftmaxApply(l: RowLayout, log: boolean): GpuKernelSpec {
  const body = [
    'const i = this.thread.x;',
    divmod('rest', 'inn', 'i', l.inner),
    divmod('o', 'j', 'rest', l.length),
    `const v = x[i] - lse[o * ${l.inner} + inn];`,
    log ? 'return v;' : 'return Math.exp(v);',
  ];
  return {
    key: `softmax-apply:${log ? 'log' : 'exp'}:${l.outer}:${l.length}:${l.inner}`,
    source: kernelSource(['x', 'lse'], body.join('\n  ')),
    outputSize: l.outer * l.length * l.inner,
    loopMax: 0,
  };
}

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

export const layoutKey = (dims: readonly number[]) => shapeKey(dims);
