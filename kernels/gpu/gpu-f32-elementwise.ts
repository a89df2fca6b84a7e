// Element-wise kernels: broadcast binary arithmetic (Add, Sub, Mul, Div, Pow) and unary maps
// (activations, Erf, Sqrt, ...). One thread per output element.
import type { Activation } from '../../ops/fused/activation.js';
import { activationCode, activationKey } from './activation-code.js';
import { type GpuKernelSpec, broadcastStrides, coords, kernelSource, lit, offset, shapeKey } from './kernel-spec.js';

export type BinaryOp = 'Add' | 'Sub' | 'Mul' | 'Div' | 'Pow';

// Pow: WGSL/GLSL pow(x, y) is exp2(y * log2(x)), NaN for x < 0; ONNX (like C) gives a real
// result for a negative base when y is an integer, with the sign of (-1)^y
const POW = `let r = 0;
  if (y === 2) { r = x * x; } else {
    if (x < 0 && Math.floor(y) === y) { r = Math.pow(-x, y); if (Math.floor(y / 2) * 2 !== y) { r = -r; } } else { r = Math.pow(x, y); }
  }`;

const BINARY: Record<BinaryOp, string> = {
  Add: 'let r = x + y;', Sub: 'let r = x - y;', Mul: 'let r = x * y;', Div: 'let r = x / y;', Pow: POW,
};

export function planBinary(op: BinaryOp, aDims: readonly number[], bDims: readonly number[], outDims: readonly number[]): GpuKernelSpec {
  const size = outDims.reduce((p, d) => p * d, 1);
  const aSize = aDims.reduce((p, d) => p * d, 1), bSize = bDims.reduce((p, d) => p * d, 1);
  // where an operand is the output's shape (or a scalar) its index needs no coordinates
  const index = (dims: readonly number[], n: number) =>
    n === size ? 'i' : n === 1 ? '0' : offset('o', broadcastStrides(dims, outDims));
  const needCoords = (aSize !== size && aSize !== 1) || (bSize !== size && bSize !== 1);
  const body = [
    'const i = this.thread.x;',
    needCoords ? coords('o', 'i', outDims) : '',
    `const x = a[${index(aDims, aSize)}];`,
    `const y = b[${index(bDims, bSize)}];`,
    BINARY[op],
    'return r;',
  ];
  return {
    key: `binary:${op}:${shapeKey(aDims)}:${shapeKey(bDims)}`,
    source: kernelSource(['a', 'b'], body.filter(Boolean).join('\n  ')),
    outputSize: size,
    loopMax: 0,
  };
}

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

function unaryCode(op: UnaryOp, p: UnaryParams): string {
  const asAct = (kind: Activation['kind'], params: number[] = []) => activationCode({ kind, params }, 'v');
  switch (op) {
    case 'Relu': case 'Sigmoid': case 'Tanh': case 'HardSwish': case 'Silu':
      return asAct(op);
    case 'LeakyRelu': return asAct('LeakyRelu', [p.alpha ?? 0.01]);
    case 'HardSigmoid': return asAct('HardSigmoid', [p.alpha ?? 0.2, p.beta ?? 0.5]);
    case 'Clip': return asAct('Clip', [p.min ?? -Infinity, p.max ?? Infinity]);
    case 'Erf': return `${erfOf('v', 'e')} v = e;`;
    case 'Sqrt': return 'v = Math.sqrt(v);';
    case 'Exp': return 'v = Math.exp(v);';
    case 'Log': return 'v = Math.log(v);';
    case 'Abs': return 'v = Math.abs(v);';
    case 'Neg': return 'v = -v;';
    case 'Reciprocal': return 'v = 1 / v;';
    case 'Elu': return `if (v < 0) { v = ${lit(p.alpha ?? 1)} * (Math.exp(v) - 1); }`;
    // log(1 + e^v) without overflow: max(v, 0) + log(1 + e^-|v|)
    case 'Softplus': return 'v = Math.max(v, 0) + Math.log(1 + Math.exp(-Math.abs(v)));';
    case 'Gelu': return `const g = v * 0.7071067811865476; ${erfOf('g', 'e')} v = 0.5 * v * (1 + e);`;
    case 'GeluTanh':
      return 'const u = Math.min(Math.max(0.7978845608028654 * (v + 0.044715 * v * v * v), -15), 15); v = 0.5 * v * (1 + Math.tanh(u));';
    case 'Identity': return '';
  }
}

export function planUnary(op: UnaryOp, dims: readonly number[], p: UnaryParams = {}, then?: Activation): GpuKernelSpec {
  const size = dims.reduce((q, d) => q * d, 1);
  const params = [p.alpha, p.beta, p.min, p.max].map((v) => v ?? '').join(',');
  return {
    key: `unary:${op}(${params}):${activationKey(then)}:${size}`,
    source: kernelSource(['a'], ['let v = a[this.thread.x];', unaryCode(op, p), activationCode(then, 'v'), 'return v;'].filter(Boolean).join('\n  ')),
    outputSize: size,
    loopMax: 0,
  };
}
