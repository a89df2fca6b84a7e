// Loops over the taps of a sliding window (Conv and the pools), shared by their kernels: literal
// bounds per kernel axis, and a bounds check only on axes whose windows can reach the padding.
import type { WindowGeometry } from '../../data/window-geometry.js';
import { product } from './kernel-spec.js';

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
export function windowLoops(g: WindowGeometry, inShape: readonly number[], inner: (inOff: string, kOff: string, valid: string[], inPads: string[]) => string, withPadCount = false): string {
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

export const when = (conds: string[], stmt: string) => (conds.length ? `if (${conds.map((c) => `(${c})`).join(' && ')}) { ${stmt} }` : stmt);

export function geometryKey(g: WindowGeometry): string {
  return [g.kernel, g.strides, g.dilations, g.padsBegin, g.padsEnd, g.outShape].map((v) => v.join(',')).join('/');
}

