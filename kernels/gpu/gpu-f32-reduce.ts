// Reductions over a set of axes (ReduceMean, and GlobalAveragePool / GlobalMaxPool as the
// reduction over the spatial axes). One thread per output element loops over its reduced
// elements; consecutive reduced axes are merged into one loop.
import { type GpuKernelSpec, coords, kernelSource, product, shapeKey } from './kernel-spec.js';

export type ReduceKind = 'mean' | 'max' | 'sum';

/** Reduces `axes` (normalized, any order) of X; output dims keep the reduced axes as 1. */
export function planReduce(xDims: readonly number[], axes: readonly number[], kind: ReduceKind): { spec: GpuKernelSpec; keptDims: number[] } {
  const reduced = new Set(axes);
  const strides = xDims.map((_, i) => product(xDims.slice(i + 1)));
  const keptDims = xDims.map((d, i) => (reduced.has(i) ? 1 : d));
  // runs of consecutive reduced axes walk memory linearly: one loop each
  const blocks: { len: number; stride: number }[] = [];
  for (let a = 0; a < xDims.length; a++) {
    if (!reduced.has(a)) continue;
    let b = a;
    while (reduced.has(b + 1)) b++;
    blocks.push({ len: product(xDims.slice(a, b + 1)), stride: strides[b] });
    a = b;
  }
  const baseTerms = xDims.map((_, a) => (reduced.has(a) || strides[a] === 0 ? '' : `o${a} * ${strides[a]}`)).filter(Boolean);
  const count = product(axes.map((a) => xDims[a]));
  const open: string[] = [], close: string[] = [];
  const terms = ['base'];
  blocks.forEach((bl, j) => {
    if (bl.len === 1) return;
    open.push(`for (let r${j} = 0; r${j} < ${bl.len}; r${j}++) {`);
    close.push('}');
    terms.push(bl.stride === 1 ? `r${j}` : `r${j} * ${bl.stride}`);
  });
  const read = `x[${terms.join(' + ')}]`;
  const step = kind === 'max' ? `const v = ${read}; if (has === 0 || v > acc) { acc = v; has = 1; }` : `acc += ${read};`;
  const body = [
    'const i = this.thread.x;',
    coords('o', 'i', keptDims),
    `const base = ${baseTerms.join(' + ') || '0'};`,
    kind === 'max' ? 'let acc = 0; let has = 0;' : 'let acc = 0;',
    [...open, step, ...close].join('\n    '),
    kind === 'mean' ? `return acc / ${count};` : 'return acc;',
  ];
  return {
    spec: {
      key: `reduce:${kind}:${shapeKey(xDims)}:${[...axes].sort().join(',')}`,
      source: kernelSource(['x'], body.join('\n  ')),
      outputSize: product(keptDims),
      loopMax: Math.max(0, ...blocks.map((b) => b.len)),
    },
    keptDims,
  };
}
