import { type DataType, isBigIntType, isFloatType, isIntegerType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { defineOp } from '../define.js';
import type { ScalarFn2 } from '../helpers/elementwise.js';
import { computesInFloat32, unaryFloat32 } from '../helpers/float32-loops.js';
import { broadcastShapes } from '../helpers/shape.js';
import { computeView, tensorInput } from '../helpers/values.js';
import { type BinaryKernel, applyBinary } from './define-binary.js';
import { legacyBroadcast } from './legacy-broadcast.js';

// Math.pow follows JavaScript, not C, at two points: 1^y and (-1)^±∞ are NaN there, 1 in C.
function powFloat(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

// Integer powers by repeated squaring, wrapping like C's integer multiply: through Math.imul
// for the ints held as numbers (exact low 32 bits), through asIntN/asUintN for 64-bit ones.
function powInt32(base: number, e: number): number {
  if (e < 0) return base === 1 ? 1 : base === -1 ? (e % 2 === 0 ? 1 : -1) : 0;
  let r = 1;
  let b = base | 0;
  while (e > 0) {
    if (e % 2 === 1) r = Math.imul(r, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return r;
}

function powInt64(base: bigint, e: bigint, unsigned: boolean): bigint {
  if (e < 0n) return base === 1n ? 1n : base === -1n ? (e % 2n === 0n ? 1n : -1n) : 0n;
  const wrap = unsigned ? (v: bigint) => BigInt.asUintN(64, v) : (v: bigint) => BigInt.asIntN(64, v);
  let r = 1n;
  let b = base;
  while (e > 0n) {
    if (e & 1n) r = wrap(r * b);
    b = wrap(b * b);
    e >>= 1n;
  }
  return r;
}

// An integer base with a float exponent computes in double and truncates, like C's
// static_cast<int>(pow(x, y)).
function scalarPow(base: DataType, exponent: DataType): ScalarFn2 | undefined {
  const floatExp = isFloatType(exponent);
  if (!floatExp && !isIntegerType(exponent)) return undefined;
  const bigExp = isBigIntType(exponent);
  if (isFloatType(base)) return bigExp ? (x: number, y: bigint) => powFloat(x, Number(y)) : powFloat;
  if (isBigIntType(base)) {
    if (floatExp) {
      return (x: bigint, y: number) => {
        const r = powFloat(Number(x), y);
        return Number.isFinite(r) ? BigInt(Math.trunc(r)) : 0n;
      };
    }
    const unsigned = base === 'uint64';
    return (x: bigint, y: number | bigint) => powInt64(x, BigInt(y), unsigned);
  }
  if (isIntegerType(base)) {
    if (floatExp) return (x: number, y: number) => Math.trunc(powFloat(x, y));
    return (x: number, y: number | bigint) => powInt32(x, Number(y));
  }
  return undefined;
}

const kernel: BinaryKernel = {
  scalar: scalarPow,
  mixedTypes: true,
  f32: (a, ai, as, b, bi, bs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = powFloat(a[ai], b[bi]);
  },
};

// x^2 is the common case (variances in hand-written layer norms), and x*x gives the same
// correctly rounded result without the cost of Math.pow.
function isSquare(x: Tensor, y: Tensor): boolean {
  return computesInFloat32(x.type) && y.type === x.type && y.size === 1 && computeView(y)[0] === 2;
}

// Pow-1 broadcast through `broadcast`/`axis`, Pow-7 the numpy way; Pow-12 let the exponent
// have its own type and took integer bases; 13 and 15 added bfloat16.
export const Pow = [1, 7, 12, 13, 15].map((since) =>
  defineOp('Pow', since, (ctx) => {
    const align = legacyBroadcast(ctx);
    return (inputs) => {
      const [x, y] = align(tensorInput(inputs, 0, 'Pow input X'), tensorInput(inputs, 1, 'Pow input Y'));
      if (isSquare(x, y)) {
        const squared = unaryFloat32(x, (s, d) => {
          for (let i = 0; i < s.length; i++) d[i] = s[i] * s[i];
        });
        return [squared.reshape(broadcastShapes(x.dims, y.dims))];
      }
      return [applyBinary('Pow', x, y, kernel)];
    };
  }),
);
