// MaxPool and AveragePool over X [N, C, ...spatial]: one thread per output element walks its
// window; padding never wins a max, and the average divides by the taps inside the input (or
// inside the padded input, with count_include_pad).
import type { WindowGeometry } from '../../data/window-geometry.js';
import { type GpuKernelSpec, coords, product, kernelSource, shapeKey } from './kernel-spec.js';
import { geometryKey, when, windowLoops } from './window-loops.js';

export type PoolKind = { kind: 'max' } | { kind: 'average'; countIncludePad: boolean };

export function planPool(xDims: readonly number[], g: WindowGeometry, pool: PoolKind): { spec: GpuKernelSpec; outDims: number[] } {
  const [N, C, ...inShape] = xDims;
  const outDims = [N, C, ...g.outShape];
  const inSize = product(inShape);
  let loops: string, result: string;
  if (pool.kind === 'max') {
    // padding never wins: only taps inside the input compete
    loops = windowLoops(g, inShape, (inOff, _k, valid) => when(valid, `const v = x[base + ${inOff}]; if (has === 0 || v > best) { best = v; has = 1; }`));
    result = 'return best;';
  } else {
    loops = windowLoops(g, inShape, (inOff, _k, valid, inPads) => [
      when(valid, `s += x[base + ${inOff}]; n += 1;`),
      pool.countIncludePad ? when(inPads, 'np += 1;') : '',
    ].filter(Boolean).join(' '), pool.countIncludePad);
    result = pool.countIncludePad ? 'return s / np;' : 'return s / n;';
  }
  const body = [
    'const i = this.thread.x;',
    coords('o', 'i', outDims),
    `const base = (o0 * ${C} + o1) * ${inSize};`,
    pool.kind === 'max' ? 'let best = 0; let has = 0;' : 'let s = 0; let n = 0; let np = 0;',
    loops,
    result,
  ];
  const key = ['pool', pool.kind, pool.kind === 'average' && pool.countIncludePad ? 'pad' : '', shapeKey(xDims), geometryKey(g)].join(':');
  return { spec: { key, source: kernelSource(['x'], body.join('\n  ')), outputSize: product(outDims), loopMax: product(g.kernel) }, outDims };
}

