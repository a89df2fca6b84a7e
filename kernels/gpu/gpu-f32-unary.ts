// Unary maps (activations, Erf, Sqrt, ...), optionally followed by a fused activation.
import type { Activation } from '../../data/activation.js';
import { activationCode, activationKey } from './activation-code.js';
import { type GpuKernelSpec, kernelSource, lit, product } from './kernel-spec.js';

export type UnaryOp =
  | 'Relu' | 'Sigmoid' | 'Tanh' | 'Clip' | 'LeakyRelu' | 'HardSigmoid' | 'HardSwish' | 'Silu'
  | 'Erf' | 'Sqrt' | 'Exp' | 'Log' | 'Abs' | 'Neg' | 'Reciprocal' | 'Elu' | 'Softplus' | 'Gelu' | 'GeluTanh' | 'Identity';

export interface UnaryParams {
  alpha?: number;
  beta?: number;
  min?: number;
  max?: number;
}

// erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, below float32 resolution near 1)
const erfOf = (x: string, r: string) => `let ${r}_t = 1 / (1 + 0.3275911 * Math.abs(${x}));
  let ${r} = 1 - (((((1.061405429 * ${r}_t - 1.453152027) * ${r}_t) + 1.421413741) * ${r}_t - 0.284496736) * ${r}_t + 0.254829592) * ${r}_t * Math.exp(-${x} * ${x});
  if (${x} < 0) { ${r} = -${r}; }`;

/** A parameter the binding resolved from the node (the op's defaults are the binding's to apply). */
function given(v: number | undefined, op: UnaryOp): number {
  if (v === undefined) throw new Error(`gpu ${op}: its binding passed no parameter`);
  return v;
}

function unaryCode(op: UnaryOp, p: UnaryParams): string {
  const act = (a: Activation) => activationCode(a, 'v');
  switch (op) {
    case 'Relu': return act({ kind: 'relu' });
    case 'Sigmoid': return act({ kind: 'sigmoid' });
    case 'Tanh': return act({ kind: 'tanh' });
    case 'HardSwish': return act({ kind: 'hardSwish' });
    case 'Silu': return act({ kind: 'silu' });
    case 'LeakyRelu': return act({ kind: 'leakyRelu', alpha: given(p.alpha, op) });
    case 'HardSigmoid': return act({ kind: 'hardSigmoid', alpha: given(p.alpha, op), beta: given(p.beta, op) });
    case 'Clip': return act({ kind: 'clip', min: p.min ?? -Infinity, max: p.max ?? Infinity });
    case 'Erf': return `${erfOf('v', 'e')} v = e;`;
    case 'Sqrt': return 'v = Math.sqrt(v);';
    case 'Exp': return 'v = Math.exp(v);';
    case 'Log': return 'v = Math.log(v);';
    case 'Abs': return 'v = Math.abs(v);';
    case 'Neg': return 'v = -v;';
    case 'Reciprocal': return 'v = 1 / v;';
    case 'Elu': return `if (v < 0) { v = ${lit(given(p.alpha, op))} * (Math.exp(v) - 1); }`;
    // log(1 + e^v) without overflow: max(v, 0) + log(1 + e^-|v|)
    case 'Softplus': return 'v = Math.max(v, 0) + Math.log(1 + Math.exp(-Math.abs(v)));';
    case 'Gelu': return `const g = v * 0.7071067811865476; ${erfOf('g', 'e')} v = 0.5 * v * (1 + e);`;
    case 'GeluTanh':
      return 'const u = Math.min(Math.max(0.7978845608028654 * (v + 0.044715 * v * v * v), -15), 15); v = 0.5 * v * (1 + Math.tanh(u));';
    case 'Identity': return '';
  }
}

export function planUnary(op: UnaryOp, dims: readonly number[], p: UnaryParams = {}, then?: Activation): GpuKernelSpec {
  const size = product(dims);
  const params = [p.alpha, p.beta, p.min, p.max].map((v) => v ?? '').join(',');
  return {
    key: `unary:${op}(${params}):${activationKey(then)}:${size}`,
    source: kernelSource(['a'], ['let v = a[this.thread.x];', unaryCode(op, p), activationCode(then, 'v'), 'return v;'].filter(Boolean).join('\n  ')),
    outputSize: size,
    loopMax: 0,
  };
}
