import { type DataType, isBigIntType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { computesInFloat32, unaryFloat32 } from '../helpers/float32-loops.js';
import { computeView, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { applyUnary } from './define-unary.js';
import { isNumericType } from './element-types.js';

// Omitted bounds are the type's numeric_limits lowest() and max(), as the spec says, so an
// infinite float is clipped to the largest finite one. Integer bounds never bind then.
const FLOAT_MAX: Partial<Record<DataType, number>> = {
  float32: 3.4028234663852886e38, float64: Number.MAX_VALUE, float16: 65504, bfloat16: 3.3895313892515355e38,
};

function clipTensor(x: Tensor, lo: number | bigint | undefined, hi: number | bigint | undefined): Tensor {
  if (isBigIntType(x.type)) {
    const l = lo === undefined ? undefined : BigInt(lo);
    const h = hi === undefined ? undefined : BigInt(hi);
    return applyUnary('Clip', x, {
      scalar: () => (v: bigint) => (l !== undefined && v < l ? l : h !== undefined && v > h ? h : v),
    });
  }
  const limit = FLOAT_MAX[x.type] ?? Infinity;
  const l = lo === undefined ? -limit : Number(lo);
  const h = hi === undefined ? limit : Number(hi);
  // lower bound first, then upper: when min > max every element becomes max, as the spec says
  const clip = (v: number) => {
    if (v < l) v = l;
    return v > h ? h : v;
  };
  if (computesInFloat32(x.type)) {
    return unaryFloat32(x, (s, d) => {
      for (let i = 0; i < s.length; i++) {
        let v = s[i];
        if (v < l) v = l;
        d[i] = v > h ? h : v;
      }
    });
  }
  return applyUnary('Clip', x, { scalar: (t) => (isNumericType(t) ? clip : undefined) });
}

function bound(t: Tensor | undefined, what: string): number | bigint | undefined {
  if (!t) return undefined;
  if (t.size !== 1) throw new InvalidInputError(`Clip: ${what} must be a scalar, got shape [${t.dims}]`, what);
  return computeView(t)[0] as number | bigint;
}

export const Clip = [
  // Clip-1 and Clip-6 took the bounds as float attributes (and Clip-1 `consumed_inputs`, ignored)
  ...[1, 6].map((since) =>
    defineOp('Clip', since, (ctx) => {
      const lo = ctx.attrs.float('min');
      const hi = ctx.attrs.float('max');
      return (inputs) => [clipTensor(tensorInput(inputs, 0, 'Clip input'), lo, hi)];
    }),
  ),
  // from 11 on they are optional scalar inputs; 12 added the integer types
  ...[11, 12, 13].map((since) =>
    defineOp('Clip', since, () => (inputs) => {
      const x = tensorInput(inputs, 0, 'Clip input');
      if (!isNumericType(x.type)) throw new InvalidInputError(`Clip does not take ${x.type} tensors`, 'input', undefined, x.type);
      return [clipTensor(x, bound(optionalTensorInput(inputs, 1), 'min'), bound(optionalTensorInput(inputs, 2), 'max'))];
    }),
  ),
];
