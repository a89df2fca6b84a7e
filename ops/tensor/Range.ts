import { defineOp } from '../define.js';
import { computeView, fromCompute, allocCompute, tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import { allocateData, isBigIntType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';

function scalarOf(inputs: KernelInput[], i: number, name: string): Tensor {
  const t = tensorInput(inputs, i, name);
  if (t.size !== 1) throw new InvalidInputError(`Range: ${name} must be a scalar, got shape [${t.dims}]`);
  return t;
}

// output[i] = start + i * delta for i < max(ceil((limit - start) / delta), 0). The length is
// checked against the limit before the loop starts: a delta of 1e-12 asks for 10^12 elements.
function range(inputs: KernelInput[]): Tensor {
  const start = scalarOf(inputs, 0, 'start');
  const limit = scalarOf(inputs, 1, 'limit');
  const delta = scalarOf(inputs, 2, 'delta');
  const type = start.type;
  if (limit.type !== type || delta.type !== type) {
    throw new InvalidInputError(`Range: start, limit and delta must share a type, got ${type}, ${limit.type}, ${delta.type}`);
  }
  if (isBigIntType(type)) {
    const s = (start.data as BigInt64Array)[0], l = (limit.data as BigInt64Array)[0], d = (delta.data as BigInt64Array)[0];
    if (d === 0n) throw new InvalidInputError('Range: delta is 0');
    const span = l - s;
    // ceiling division for either sign of delta
    let n = span / d;
    if (n * d !== span && (span > 0n) === (d > 0n)) n += 1n;
    if (n < 0n) n = 0n;
    const length = checkedOutputShape([Number(n)], type, 'Range');
    const out = allocateData(type, length) as BigInt64Array;
    for (let i = 0; i < out.length; i++) out[i] = s + BigInt(i) * d;
    return new Tensor(type, out, [out.length]);
  }
  const s = Number(computeView(start)[0]), l = Number(computeView(limit)[0]), d = Number(computeView(delta)[0]);
  if (d === 0 || !Number.isFinite(d)) throw new InvalidInputError(`Range: delta must be finite and non-zero, got ${d}`);
  const length = Math.ceil((l - s) / d);
  if (Number.isNaN(length)) throw new InvalidInputError(`Range: cannot produce a range from ${s} to ${l}`);
  // an infinite start or limit gives an infinite length, refused as too large
  const n = checkedOutputShape([Math.max(length, 0)], type, 'Range');
  const out = allocCompute(type, n) as Float64Array;
  for (let i = 0; i < n; i++) out[i] = s + i * d;
  return fromCompute(type, out, [n]);
}

export const Range = [
  defineOp('Range', 11, () => (inputs) => [range(inputs)]),
  // Range-27 adds float16/bfloat16 and stash_type, the precision of the intermediate values;
  // each element is computed once in double precision here, which meets any stash type.
  defineOp('Range', 27, (ctx) => {
    ctx.attrs.int('stash_type', 1);
    return (inputs) => [range(inputs)];
  }),
];
