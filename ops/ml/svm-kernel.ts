// The kernels of SVMClassifier and SVMRegressor: LINEAR, POLY, RBF and SIGMOID, with
// kernel_params = [gamma, coef0, degree].
import type { OpContext } from '../types.js';

export type SvmKernel = (a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, len: number) => number;

function dot(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[aOff + i] * b[bOff + i];
  return s;
}

export function readSvmKernel(ctx: OpContext): { kernel: SvmKernel; name: string } {
  const name = ctx.attrs.string('kernel_type', 'LINEAR');
  const params = ctx.attrs.floats('kernel_params', []);
  const [gamma = 0, coef0 = 0, degreeF = 0] = params;
  const degree = Math.trunc(degreeF);
  switch (name) {
    case 'LINEAR':
      return { name, kernel: dot };
    case 'POLY':
      return { name, kernel: (a, ao, b, bo, n) => (gamma * dot(a, ao, b, bo, n) + coef0) ** degree };
    case 'SIGMOID':
      return { name, kernel: (a, ao, b, bo, n) => Math.tanh(gamma * dot(a, ao, b, bo, n) + coef0) };
    case 'RBF':
      return {
        name,
        kernel: (a, ao, b, bo, n) => {
          let s = 0;
          for (let i = 0; i < n; i++) {
            const d = a[ao + i] - b[bo + i];
            s += d * d;
          }
          return Math.exp(-gamma * s);
        },
      };
    default:
      throw ctx.attrs.error(`kernel_type must be LINEAR, POLY, RBF or SIGMOID, got "${name}"`, 'kernel_type');
  }
}

export { dot as linearKernel };
