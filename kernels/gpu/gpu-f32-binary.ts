// Broadcast binary arithmetic (Add, Sub, Mul, Div, Pow): one thread per output element.
import { type GpuKernelSpec, broadcastStrides, coords, kernelSource, offset, product, shapeKey } from './kernel-spec.js';

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
  const size = product(outDims);
  const aSize = product(aDims), bSize = product(bDims);
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

