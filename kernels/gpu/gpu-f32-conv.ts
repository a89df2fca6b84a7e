// Conv (any spatial rank, groups/depthwise, strides, dilations, pads) with the bias, FusedConv's
// residual sum and the fused activation in the epilogue. One thread per output element.
import type { Activation } from '../../data/activation.js';
import type { WindowGeometry } from '../../data/window-geometry.js';
import { activationCode, activationKey } from './activation-code.js';
import { type GpuKernelSpec, coords, product, divmod, kernelSource, shapeKey } from './kernel-spec.js';
import { geometryKey, when, windowLoops } from './window-loops.js';

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

