// Bit-level codecs for the floating types JavaScript has no array for. All encoders round to
// nearest, ties to even, as the ONNX spec asks of Cast, directly from the float64 value (going
// through float32 first would round twice).
import type { DataType, TypedArray } from './dtype.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** floor(log2(a)) for a finite a > 0, exact (Math.log2 alone can be off by one near powers of two). */
function exponentOf(a: number): number {
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

function roundHalfEven(q: number): number {
  const r = Math.round(q);
  // Math.round sends ties up; send them to the even neighbour instead
  return r - q === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Rounds a value to a binary format with `mantBits` stored mantissa bits whose smallest normal
 * exponent is `minExp` (below it, the subnormal quantum applies). Overflow is left to the caller.
 */
function roundToPrecision(v: number, mantBits: number, minExp: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  const e = Math.max(exponentOf(a), minExp);
  const quantum = 2 ** (e - mantBits);
  const r = roundHalfEven(a / quantum) * quantum;
  return v < 0 ? -r : r;
}

let float16Table: Float32Array | undefined;

function float16Decode(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

export function float16BitsToNumber(h: number): number {
  // float16 models decode every weight and activation; a 256 KiB table pays for itself at once
  if (!float16Table) {
    float16Table = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) float16Table[i] = float16Decode(i);
  }
  return float16Table[h & 0xffff];
}

export function numberToFloat16Bits(value: number): number {
  // a float64 that float32 cannot hold is rounded to float16 precision first, so that the
  // float32 store below cannot round a second time
  f32[0] = Math.fround(value) === value ? value : roundToPrecision(value, 10, -14);
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let r = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    if (rem > half || (rem === half && (r & 1))) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (r & 1))) r++;
  return sign | r; // a carry out of the mantissa correctly bumps the exponent (up to infinity)
}

export function bfloat16BitsToNumber(b: number): number {
  u32[0] = b << 16;
  return f32[0];
}

export function numberToBfloat16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7fc0;
  // as for float16: round a float64 that float32 cannot hold once, to bfloat16 precision
  f32[0] = Math.fround(value) === value ? value : roundToPrecision(value, 7, -126);
  const x = u32[0];
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** A small float format: sign bit, `expBits` exponent bits, `mantBits` mantissa bits. */
interface MiniFloatSpec {
  expBits: number;
  mantBits: number;
  bias: number;
  /** 'ieee': all-ones exponent is inf/NaN; 'fn': only all-ones code is NaN, no inf;
   *  'fnuz': 0x80 (negative zero) is the only NaN, no inf; 'none': no NaN, no inf. */
  special: 'ieee' | 'fn' | 'fnuz' | 'none';
}

export interface MiniFloatCodec {
  decode(code: number): number;
  /** saturate: clamp out-of-range values to ±max instead of producing inf/NaN. */
  encode(value: number, saturate: boolean): number;
  readonly max: number;
}

function makeMiniFloat(spec: MiniFloatSpec): MiniFloatCodec {
  const { expBits, mantBits, bias, special } = spec;
  const signBit = 1 << (expBits + mantBits);
  const expMax = (1 << expBits) - 1;
  const decodeUnsigned = (code: number): number => {
    const e = code >> mantBits;
    const m = code & ((1 << mantBits) - 1);
    if (special === 'ieee' && e === expMax) return m ? NaN : Infinity;
    if (special === 'fn' && e === expMax && m === (1 << mantBits) - 1) return NaN;
    if (e === 0) return m * 2 ** (1 - bias - mantBits);
    return (1 + m / (1 << mantBits)) * 2 ** (e - bias);
  };
  // positive finite codes in increasing order; their values increase with the code
  const values: number[] = [];
  for (let c = 0; c < signBit; c++) {
    const v = decodeUnsigned(c);
    if (!Number.isFinite(v)) break;
    values.push(v);
  }
  const max = values[values.length - 1];
  const nanCode = special === 'fnuz' ? 0x80 : special === 'fn' ? signBit * 2 - 1 : special === 'ieee' ? (expMax << mantBits) | 1 | signBit : 0;
  const infCode = special === 'ieee' ? expMax << mantBits : -1;
  const top = values.length - 1;
  // the midpoint between max and the next (unrepresentable) step up
  const half = max + (max - values[top - 1]) / 2;
  return {
    max,
    decode(code: number): number {
      if (special === 'fnuz' && code === 0x80) return NaN;
      const v = decodeUnsigned(code & (signBit - 1));
      return code & signBit ? -v : v;
    },
    encode(value: number, saturate: boolean): number {
      // float4e2m1 has no NaN: the reference maps NaN to (negative) zero
      if (Number.isNaN(value)) return special === 'none' ? signBit : nanCode;
      const a = Math.abs(value);
      let c: number;
      if (a < max) {
        // binary search for the last value <= a, then round to nearest, ties to the even code
        let lo = 0, hi = top;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (values[mid] <= a) lo = mid; else hi = mid - 1;
        }
        const below = values[lo], above = values[lo + 1];
        c = a - below > above - a || (a - below === above - a && (lo & 1)) ? lo + 1 : lo;
      } else if (a === max || a < half || (a === half && (top & 1) === 0)) {
        c = top; // within half a step of max
      } else if (saturate || special === 'none') {
        c = top;
      } else if (special === 'ieee') {
        c = infCode;
      } else {
        return nanCode;
      }
      const neg = value < 0 || Object.is(value, -0);
      return neg && !(special === 'fnuz' && c === 0) ? c | signBit : c;
    },
  };
}

export const float8e4m3fn = makeMiniFloat({ expBits: 4, mantBits: 3, bias: 7, special: 'fn' });
export const float8e4m3fnuz = makeMiniFloat({ expBits: 4, mantBits: 3, bias: 8, special: 'fnuz' });
export const float8e5m2 = makeMiniFloat({ expBits: 5, mantBits: 2, bias: 15, special: 'ieee' });
export const float8e5m2fnuz = makeMiniFloat({ expBits: 5, mantBits: 2, bias: 16, special: 'fnuz' });
export const float4e2m1 = makeMiniFloat({ expBits: 2, mantBits: 1, bias: 1, special: 'none' });

/** float8e8m0: an unsigned power of two, 2^(code-127); 0xff is NaN. */
export function float8e8m0ToNumber(code: number): number {
  return code === 0xff ? NaN : 2 ** (code - 127);
}

/**
 * float8e8m0 holds only the exponent of |value|. round (Cast's round_mode): 'up' (the spec
 * default) goes to the next power of two away from zero, 'down' towards zero, 'nearest' to the
 * nearer one with ties up. Zero, which the format cannot hold, maps to code 0 as in the reference.
 */
export function numberToFloat8e8m0(value: number, saturate: boolean, round: 'up' | 'down' | 'nearest' = 'up'): number {
  if (Number.isNaN(value)) return 0xff;
  const a = Math.abs(value);
  if (a === Infinity) return saturate ? 0xfe : 0xff;
  if (a === 0) return 0;
  let e = exponentOf(a);
  const p = 2 ** e;
  if (a !== p && (round === 'up' || (round === 'nearest' && a >= 1.5 * p))) e += 1;
  const code = e + 127;
  if (code < 0) return 0;
  if (code > 0xfe) return saturate ? 0xfe : 0xff;
  return code;
}

const MINI: Partial<Record<DataType, MiniFloatCodec>> = {
  float8e4m3fn, float8e4m3fnuz, float8e5m2, float8e5m2fnuz, float4e2m1,
};

/** Decode one stored element of an encoded float type to a JS number. */
export function decodeFloatBits(type: DataType): (bits: number) => number {
  if (type === 'float16') return float16BitsToNumber;
  if (type === 'bfloat16') return bfloat16BitsToNumber;
  if (type === 'float8e8m0') return float8e8m0ToNumber;
  const m = MINI[type];
  if (!m) throw new Error(`not an encoded float type: ${type}`);
  return (c) => m.decode(c);
}

/** Encode a JS number to the stored bits of an encoded float type. */
export function encodeFloatBits(type: DataType, saturate = true): (value: number) => number {
  if (type === 'float16') return numberToFloat16Bits;
  if (type === 'bfloat16') return numberToBfloat16Bits;
  if (type === 'float8e8m0') return (v) => numberToFloat8e8m0(v, saturate);
  const m = MINI[type];
  if (!m) throw new Error(`not an encoded float type: ${type}`);
  return (v) => m.encode(v, saturate);
}

export function decodeFloatArray(type: DataType, data: TypedArray): Float32Array {
  const dec = decodeFloatBits(type);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = dec(data[i] as number);
  return out;
}

export function encodeFloatArray(type: DataType, values: ArrayLike<number>, saturate = true): Uint16Array | Uint8Array {
  const enc = encodeFloatBits(type, saturate);
  const out = type === 'float16' || type === 'bfloat16' ? new Uint16Array(values.length) : new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = enc(values[i]);
  return out;
}
