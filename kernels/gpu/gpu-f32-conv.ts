// Conv (any spatial rank, groups/depthwise, strides, dilations, pads) with the bias and fused
// activation in the epilogue, and the windowed pools (MaxPool, AveragePool). One thread per
// output element; the window loops have literal bounds, and a bounds check is only emitted on
// axes whose windows can reach into the padding.
import type { Activation } from '../../ops/fused/activation.js';
import type { WindowGeometry } from '../../ops/nn/conv-geometry.js';
import { activationCode, activationKey } from './activation-code.js';
import { type GpuKernelSpec, coords, divmod, kernelSource, lit, shapeKey } from './kernel-spec.js';

const product = (xs: readonly number[]) => xs.reduce((p, d) => p * d, 1);
const stridesOf = (dims: readonly number[]) => dims.map((_, i) => product(dims.slice(i + 1)));

/** Whether some window on axis `d` reaches outside [0, in). */
function needsCheck(g: WindowGeometry, inShape: readonly number[], d: number): boolean {
  const last = (g.outShape[d] - 1) * g.strides[d] - g.padsBegin[d] + (g.kernel[d] - 1) * g.dilations[d];
  return g.padsBegin[d] > 0 || last >= inShape[d];
}

/**
 * Nested loops over the window taps: `inner(inOffset, kernelOffset, valid)` is emitted at the
 * innermost level, with `valid` a condition ('' when always in bounds). Output coords are o2...
 */
function windowLoops(g: WindowGeometry, inShape: readonly number[], inner: (inOff: string, kOff: string, valid: string[], inPads: string[]) => string, withPadCount = false): string {
  const rank = inShape.length;
  const inStrides = stridesOf(inShape), kStrides = stridesOf(g.kernel);
  const open: string[] = [], close: string[] = [], valid: string[] = [], inPads: string[] = [], inTerms: string[] = [], kTerms: string[] = [];
  for (let d = 0; d < rank; d++) {
    const k = `k${d}`, p = `p${d}`;
    if (g.kernel[d] > 1) {
      open.push(`for (let ${k} = 0; ${k} < ${g.kernel[d]}; ${k}++) {`);
      close.push('}');
      open.push(`const ${p} = o${d + 2} * ${g.strides[d]} - ${g.padsBegin[d]} + ${k} * ${g.dilations[d]};`);
      if (kStrides[d] !== 0) kTerms.push(kStrides[d] === 1 ? k : `${k} * ${kStrides[d]}`);
    } else {
      open.push(`const ${p} = o${d + 2} * ${g.strides[d]} - ${g.padsBegin[d]};`);
    }
    inTerms.push(inStrides[d] === 1 ? p : `${p} * ${inStrides[d]}`);
    if (needsCheck(g, inShape, d)) valid.push(`${p} >= 0 && ${p} < ${inShape[d]}`);
    if (withPadCount) inPads.push(`${p} >= ${-g.padsBegin[d]} && ${p} < ${inShape[d] + g.padsEnd[d]}`);
  }
  const body = inner(inTerms.join(' + ') || '0', kTerms.join(' + ') || '0', valid, inPads);
  return [...open, body, ...close].join('\n    ');
}

const when = (conds: string[], stmt: string) => (conds.length ? `if (${conds.map((c) => `(${c})`).join(' && ')}) { ${stmt} }` : stmt);

export interface ConvPlanInput {
  xDims: readonly number[];
  wDims: readonly number[];
  group: number;
  geometry: WindowGeometry;
  hasBias: boolean;
  /** FusedConv's residual input, the output's shape, added before the activation. */
  hasSum?: boolean;
  activation?: Activation;
}

export function planConv(c: ConvPlanInput): { spec: GpuKernelSpec; outDims: number[] } {
  const [N, C, ...inShape] = c.xDims;
  const [M, Cg] = c.wDims;
  const g = c.geometry;
  const outDims = [N, M, ...g.outShape];
  const inSize = product(inShape), kSize = product(g.kernel), Mg = M / c.group;
  const tap = (inOff: string, kOff: string, valid: string[]) => when(valid, `s += x[xc + ${inOff}] * w[wc + ${kOff}];`);
  const channelBody = ['const xc = xBase + ch * ' + inSize + ';', `const wc = wBase + ch * ${kSize};`, windowLoops(g, inShape, tap)].join('\n    ');
  const body = [
    'const i = this.thread.x;',
    coords('o', 'i', outDims),
    c.group > 1 ? divmod('grp', 'mg', 'o1', Mg) : 'const grp = 0;',
    `const xBase = o0 * ${C * inSize} + grp * ${Cg * inSize};`,
    `const wBase = o1 * ${Cg * kSize};`,
    'let s = 0;',
    Cg > 1 ? `for (let ch = 0; ch < ${Cg}; ch++) {\n    ${channelBody}\n  }` : `const ch = 0;\n  ${channelBody}`,
    c.hasBias ? 's = s + b[o1];' : '',
    c.hasSum ? 's = s + z[i];' : '',
    activationCode(c.activation, 's'),
    'return s;',
  ];
  const key = ['conv', shapeKey(c.xDims), shapeKey(c.wDims), c.group, geometryKey(g), c.hasBias ? 'b' : '', c.hasSum ? 'z' : '', activationKey(c.activation)].join(':');
  const args = ['x', 'w', ...(c.hasBias ? ['b'] : []), ...(c.hasSum ? ['z'] : [])];
  return {
    spec: { key, source: kernelSource(args, body.filter(Boolean).join('\n  ')), outputSize: product(outDims), loopMax: Cg * kSize },
    outDims,
  };
}

export function geometryKey(g: WindowGeometry): string {
  return [g.kernel, g.strides, g.dilations, g.padsBegin, g.padsEnd, g.outShape].map((v) => v.join(',')).join('/');
}

export type PoolKind = { kind: 'max' } | { kind: 'average'; countIncludePad: boolean };

/** MaxPool / AveragePool over X [N, C, ...spatial] with resolved window geometry. */
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

/** BatchNormalization (inference): per channel (axis 1) y = (x - mean) * scale / sqrt(var + eps) + b. */
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
