// Kernel source for the fused activations of ops/fused/activation.ts (same kinds, parameters
// and defaults), applied to a float variable in place. Written to stay finite on GPUs whose
// exp/tanh overflow to NaN: sigmoid never exponentiates a positive value, tanh is clamped
// where it is already ±1 in float32.
import type { Activation } from '../../ops/fused/activation.js';
import { lit } from './kernel-spec.js';

const sigmoidOf = (v: string, t: string) =>
  `let ${t} = Math.exp(-Math.abs(${v})); if (${v} >= 0) { ${t} = 1 / (1 + ${t}); } else { ${t} = ${t} / (1 + ${t}); }`;

/** Statements replacing float variable `v` by act(v); `t` prefixes any temporaries. */
export function activationCode(act: Activation | undefined, v: string, t = `${v}_act`): string {
  if (!act) return '';
  const p = act.params;
  switch (act.kind) {
    case 'Relu':
      return `if (${v} < 0) { ${v} = 0; }`;
    case 'LeakyRelu':
      return `if (${v} < 0) { ${v} = ${v} * ${lit(p[0] ?? 0.01)}; }`;
    case 'Clip': {
      const lo = p[0] ?? -Infinity, hi = p[1] ?? Infinity;
      // an infinite bound clips nothing (and has no float literal)
      const parts: string[] = [];
      if (Number.isFinite(lo)) parts.push(`if (${v} < ${lit(lo)}) { ${v} = ${lit(lo)}; }`);
      if (Number.isFinite(hi)) parts.push(`if (${v} > ${lit(hi)}) { ${v} = ${lit(hi)}; }`);
      return parts.join(' ');
    }
    case 'Sigmoid':
      return `${sigmoidOf(v, t)} ${v} = ${t};`;
    case 'HardSigmoid':
      return `${v} = Math.max(0, Math.min(1, ${lit(p[0] ?? 0.2)} * ${v} + ${lit(p[1] ?? 0.5)}));`;
    case 'HardSwish':
      return `${v} = ${v} * Math.max(0, Math.min(1, ${v} / 6 + 0.5));`;
    case 'Tanh':
      return `${v} = Math.tanh(Math.min(Math.max(${v}, -15), 15));`;
    case 'Silu':
      return `${sigmoidOf(v, t)} ${v} = ${v} * ${t};`;
  }
}

export const activationKey = (act: Activation | undefined): string => (act ? `${act.kind}(${act.params.join(',')})` : '');
