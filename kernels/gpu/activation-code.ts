// Kernel source for the fused activations (data/activation.ts), applied to a float variable
// in place. Written to stay finite on GPUs whose
// exp/tanh overflow to NaN: sigmoid never exponentiates a positive value, tanh is clamped
// where it is already ±1 in float32.
import type { Activation } from '../../data/activation.js';
import { lit } from './kernel-spec.js';

const sigmoidOf = (v: string, t: string) =>
  `let ${t} = Math.exp(-Math.abs(${v})); if (${v} >= 0) { ${t} = 1 / (1 + ${t}); } else { ${t} = ${t} / (1 + ${t}); }`;

/** Statements replacing float variable `v` by act(v); `t` prefixes any temporaries. */
export function activationCode(act: Activation | undefined, v: string, t = `${v}_act`): string {
  if (!act) return '';
  switch (act.kind) {
    case 'relu':
      return `if (${v} < 0) { ${v} = 0; }`;
    case 'leakyRelu':
      return `if (${v} < 0) { ${v} = ${v} * ${lit(act.alpha)}; }`;
    case 'clip': {
      // an infinite bound clips nothing (and has no float literal)
      const parts: string[] = [];
      if (Number.isFinite(act.min)) parts.push(`if (${v} < ${lit(act.min)}) { ${v} = ${lit(act.min)}; }`);
      if (Number.isFinite(act.max)) parts.push(`if (${v} > ${lit(act.max)}) { ${v} = ${lit(act.max)}; }`);
      return parts.join(' ');
    }
    case 'sigmoid':
      return `${sigmoidOf(v, t)} ${v} = ${t};`;
    case 'hardSigmoid':
      return `${v} = Math.max(0, Math.min(1, ${lit(act.alpha)} * ${v} + ${lit(act.beta)}));`;
    case 'hardSwish':
      return `${v} = ${v} * Math.max(0, Math.min(1, ${v} / 6 + 0.5));`;
    case 'tanh':
      return `${v} = Math.tanh(Math.min(Math.max(${v}, -15), 15));`;
    case 'silu':
      return `${sigmoidOf(v, t)} ${v} = ${v} * ${t};`;
  }
}

export const activationKey = (act: Activation | undefined): string => (act ? JSON.stringify(act) : '');
