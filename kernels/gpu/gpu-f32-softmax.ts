// Softmax and LogSoftmax in two passes: one thread per row computes the row's log-sum-exp, then
// one thread per element applies it. A row of length L costs O(L) once, not once per element.
import { type GpuKernelSpec, divmod, kernelSource } from './kernel-spec.js';

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

