// Element type conversion as ONNX Cast defines it, between every pair of types:
// - float -> integer truncates toward zero; integer -> narrower integer keeps the low bits
//   (two's complement wrap), int4/uint4/int2/uint2 included; NaN and ±inf give 0.
// - anything -> bool is `x != 0` (NaN is true); bool -> numbers is 1/0.
// - float -> float rounds to nearest even; float8 types clamp out-of-range values to ±max when
//   `saturate` (else they become inf or NaN as the format allows); float4e2m1 always clamps;
//   float8e8m0 rounds as `roundMode` says.
// - strings parse plain and scientific notation and INF/NaN literals, and numbers format as
//   the shortest decimal that reads back to the same value.
import { type DataType, ENCODED_FLOAT_TYPES, allocateData, isBigIntType } from '../../data/dtype.js';
import { encodeFloatBits, numberToFloat8e8m0 } from '../../data/float-codecs.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { roundToFloatType } from './float-rounding.js';
import { formatFloat, parseBoolString, parseFloatString, parseIntegerString } from './number-strings.js';
import { computeView } from './values.js';
import { outputData } from './output-data.js';
import type { RuntimeContext } from '../types.js';

export type E8M0RoundMode = 'up' | 'down' | 'nearest';

export interface CastOptions {
  /** For float8 targets (Cast-19+): clamp out-of-range values instead of overflowing. */
  saturate?: boolean;
  /** For float8e8m0 targets (Cast-24+). */
  roundMode?: E8M0RoundMode;
}

type NumberWritable = { [i: number]: number; length: number };

/** Bit widths of the sub-byte integer types, negative when signed. */
const SUB_BYTE_BITS: Partial<Record<DataType, number>> = { int4: -4, uint4: 4, int2: -2, uint2: 2 };

const FLOAT8_TYPES: ReadonlySet<DataType> = new Set([
  'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float8e8m0',
]);

function unsupported(from: DataType, to: DataType): never {
  throw new InvalidInputError(`Cast from ${from} to ${to} is not supported`);
}

/**
 * Writes numbers into a tensor of `to` (any type but string and 64-bit integers); the plain
 * numeric case writes into the run's memory for the output (`rt`), the others allocate.
 */
function numbersTo(to: DataType, src: ArrayLike<number>, n: number, opts: CastOptions, rt?: RuntimeContext): ArrayLike<number> {
  if (ENCODED_FLOAT_TYPES.has(to)) {
    const out = allocateData(to, n) as NumberWritable;
    if (to === 'float8e8m0') {
      const saturate = opts.saturate ?? true, mode = opts.roundMode ?? 'up';
      for (let i = 0; i < n; i++) out[i] = numberToFloat8e8m0(src[i], saturate, mode);
    } else {
      // saturate concerns the float8 types only; float4e2m1 always clamps
      const enc = encodeFloatBits(to, FLOAT8_TYPES.has(to) ? (opts.saturate ?? true) : true);
      for (let i = 0; i < n; i++) out[i] = enc(src[i]);
    }
    return out as ArrayLike<number>;
  }
  if (to === 'bool') {
    const out = allocateData(to, n) as NumberWritable;
    for (let i = 0; i < n; i++) out[i] = src[i] !== 0 ? 1 : 0;
    return out as ArrayLike<number>;
  }
  const bits = SUB_BYTE_BITS[to];
  if (bits !== undefined) {
    const out = allocateData(to, n) as NumberWritable;
    // `| 0` truncates and wraps modulo 2^32, which keeps every low bit we need
    if (bits < 0) {
      const shift = 32 + bits;
      for (let i = 0; i < n; i++) out[i] = ((src[i] | 0) << shift) >> shift;
    } else {
      const mask = (1 << bits) - 1;
      for (let i = 0; i < n; i++) out[i] = (src[i] | 0) & mask;
    }
    return out as ArrayLike<number>;
  }
  // typed-array stores truncate toward zero and wrap to the element width (NaN, inf -> 0);
  // set() applies the same conversion per element, natively (int32 -> float32 after ConvInteger)
  const plain = outputData(rt, to, n) as NumberWritable;
  if (ArrayBuffer.isView(src) && n === (src as unknown as ArrayLike<number>).length) (plain as unknown as Float32Array).set(src as unknown as Float32Array);
  else for (let i = 0; i < n; i++) plain[i] = src[i];
  return plain as ArrayLike<number>;
}

function numbersToBigints(to: 'int64' | 'uint64', src: ArrayLike<number>, n: number): BigInt64Array | BigUint64Array {
  const out = allocateData(to, n) as BigInt64Array;
  for (let i = 0; i < n; i++) {
    const v = src[i];
    // BigInt64Array/BigUint64Array stores wrap modulo 2^64
    out[i] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  }
  return out;
}

/** Digits that tell the values of a float type apart. */
function significantDigits(type: DataType): number {
  return type === 'float64' ? 17 : 9;
}

function toStrings(x: Tensor): string[] {
  const n = x.size;
  const out = new Array<string>(n);
  if (x.type === 'bool') {
    const d = x.data as Uint8Array;
    for (let i = 0; i < n; i++) out[i] = d[i] ? 'True' : 'False';
  } else if (isBigIntType(x.type) || !(x.type === 'float32' || x.type === 'float64' || ENCODED_FLOAT_TYPES.has(x.type))) {
    const d = x.data as ArrayLike<number | bigint>;
    for (let i = 0; i < n; i++) out[i] = String(d[i]);
  } else {
    const narrow = roundToFloatType(x.type), digits = significantDigits(x.type);
    const v = computeView(x) as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = formatFloat(v[i], narrow, digits);
  }
  return out;
}

function fromStrings(src: string[], to: DataType, opts: CastOptions): Tensor['data'] {
  const n = src.length;
  if (isBigIntType(to)) {
    const out = allocateData(to, n) as BigInt64Array;
    for (let i = 0; i < n; i++) out[i] = parseIntegerString(src[i]);
    return out;
  }
  if (to === 'bool') return Uint8Array.from(src, (s) => (parseBoolString(s) ? 1 : 0));
  const isFloat = to === 'float32' || to === 'float64' || ENCODED_FLOAT_TYPES.has(to);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // integer targets: parse exactly, then keep the low 32 bits for the narrowing store
    values[i] = isFloat ? parseFloatString(src[i]) : Number(BigInt.asIntN(32, parseIntegerString(src[i])));
  }
  return numbersTo(to, values, n, opts) as Tensor['data'];
}

function fromBigints(src: BigInt64Array | BigUint64Array, to: DataType, opts: CastOptions): Tensor['data'] {
  const n = src.length;
  if (to === 'int64') return BigInt64Array.from(src, (v) => BigInt.asIntN(64, v));
  if (to === 'uint64') return BigUint64Array.from(src, (v) => BigInt.asUintN(64, v));
  const isFloat = to === 'float32' || to === 'float64' || ENCODED_FLOAT_TYPES.has(to);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (isFloat) values[i] = Number(src[i]);
    else if (to === 'bool') values[i] = src[i] !== 0n ? 1 : 0;
    else values[i] = Number(BigInt.asIntN(32, src[i])); // low 32 bits, then the narrowing store
  }
  return numbersTo(to, values, n, opts) as Tensor['data'];
}

/** `x` converted to element type `to`, same shape. Casting to the same type returns `x`. */
export function castTensor(x: Tensor, to: DataType, opts: CastOptions = {}, rt?: RuntimeContext): Tensor {
  if (x.type === to) return x;
  if (x.type.startsWith('complex') || to.startsWith('complex')) unsupported(x.type, to);
  if (to === 'string') return new Tensor('string', toStrings(x), x.dims);
  let data: Tensor['data'];
  if (x.type === 'string') data = fromStrings(x.data as string[], to, opts);
  else if (isBigIntType(x.type)) data = fromBigints(x.data as BigInt64Array, to, opts);
  else {
    const src = computeView(x) as ArrayLike<number>;
    data = isBigIntType(to) ? numbersToBigints(to, src, x.size) : (numbersTo(to, src, x.size, opts, rt) as Tensor['data']);
  }
  return new Tensor(to, data, x.dims);
}
