// Output comparison as in ONNX's backend test runner (np.testing.assert_allclose): floats within
// |actual - expected| <= atol + rtol * |expected|, NaN equals NaN, infinities must match in sign.
// Stricter than numpy where it is cheap to be: integers, bools and strings must be exact, and
// dtype and shape must match exactly (no broadcasting, no implicit casts).
import { ENCODED_FLOAT_TYPES, type DataType } from '../data/dtype.js';
import { decodeFloatArray } from '../data/float-codecs.js';
import { type OnnxValue, Tensor } from '../data/tensor.js';

export interface Tolerance { rtol: number; atol: number }

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-3, atol: 1e-7 };

/** A suite's tolerances: one for all outputs, optionally another for float16 outputs. */
export interface TolerancePolicy { default: Tolerance; float16?: Tolerance }

/** The tolerance an expected output is compared with under a policy. */
export function toleranceFor(policy: TolerancePolicy, expected: OnnxValue): Tolerance {
  return policy.float16 && expected instanceof Tensor && expected.type === 'float16' ? policy.float16 : policy.default;
}

function isFloating(type: DataType): boolean {
  return type === 'float32' || type === 'float64' || type === 'complex64' || type === 'complex128' || ENCODED_FLOAT_TYPES.has(type);
}

/** Numbers to compare: encoded floats (float16, bfloat16, float8*, float4) decoded from their bits. */
function floatValues(t: Tensor): ArrayLike<number> {
  if (ENCODED_FLOAT_TYPES.has(t.type)) return decodeFloatArray(t.type, t.data as Uint8Array);
  return t.data as ArrayLike<number>;
}

function describeKind(v: OnnxValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty optional';
  if (Array.isArray(v)) return `a sequence of ${v.length}`;
  if (v instanceof Map) return 'a map';
  if (v instanceof Tensor) return `a ${v.type} tensor`;
  return `a ${(v as object)?.constructor?.name ?? typeof v}`;
}

/** Row-major coordinates of element i in a tensor of these (non-empty) dims. */
function coordinates(i: number, dims: readonly number[]): string {
  const out = new Array<number>(dims.length);
  for (let a = dims.length - 1; a >= 0; a--) {
    out[a] = i % dims[a];
    i = Math.floor(i / dims[a]);
  }
  return `[${out.join(',')}]`;
}

function floatsMatch(x: number, y: number, tol: Tolerance): boolean {
  if (Number.isNaN(y)) return Number.isNaN(x);
  if (!Number.isFinite(y)) return x === y;
  return Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y);
}

function compareFloatData(actual: Tensor, expected: Tensor, tol: Tolerance, path: string): string | undefined {
  const a = floatValues(actual), e = floatValues(expected);
  const slots = expected.type === 'complex64' || expected.type === 'complex128' ? 2 : 1;
  let first = -1, count = 0, maxAbs = 0;
  for (let i = 0; i < e.length; i++) {
    if (floatsMatch(a[i], e[i], tol)) continue;
    if (first < 0) first = i;
    count++;
    const d = Math.abs(a[i] - e[i]);
    if (d > maxAbs) maxAbs = d; // NaN differences never compare greater, so they are left out
  }
  if (first < 0) return undefined;
  const part = slots === 2 ? (first % 2 ? ' (imag)' : ' (real)') : '';
  return `${path}${coordinates(Math.floor(first / slots), expected.dims)}${part}: ${a[first]}, expected ${e[first]}` +
    ` (${count} of ${e.length} values differ, max abs diff ${maxAbs}, rtol ${tol.rtol}, atol ${tol.atol})`;
}

function compareExactData(actual: Tensor, expected: Tensor, path: string): string | undefined {
  const a = actual.data as ArrayLike<unknown>, e = expected.data as ArrayLike<unknown>;
  if (expected.type === 'bool') {
    // bools are stored as 0/1 by convention; any other byte is a kernel bug even if "truthy"
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== 0 && a[i] !== 1) return `${path}${coordinates(i, expected.dims)}: bool stored as ${String(a[i])}, bools must be 0 or 1`;
    }
  }
  let first = -1, count = 0;
  for (let i = 0; i < e.length; i++) {
    if (a[i] === e[i]) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return undefined;
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  return `${path}${coordinates(first, expected.dims)}: ${show(a[first])}, expected ${show(e[first])} (${count} of ${e.length} values differ)`;
}

function compareTensors(actual: Tensor, expected: Tensor, tol: Tolerance, path: string): string | undefined {
  if (actual.type !== expected.type) return `${path}: dtype ${actual.type}, expected ${expected.type}`;
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i])) {
    return `${path}: shape [${actual.dims}], expected [${expected.dims}]`;
  }
  if (actual.data.length !== expected.data.length) {
    return `${path}: ${actual.data.length} stored values for shape [${actual.dims}], expected ${expected.data.length}`;
  }
  return isFloating(expected.type) ? compareFloatData(actual, expected, tol, path) : compareExactData(actual, expected, path);
}

function compareMaps(actual: Map<unknown, OnnxValue>, expected: Map<unknown, OnnxValue>, tol: Tolerance, path: string): string | undefined {
  if (actual.size !== expected.size) return `${path}: map of ${actual.size} entries, expected ${expected.size}`;
  for (const [k, v] of expected) {
    if (!actual.has(k)) {
      const sameText = [...actual.keys()].find((ak) => String(ak) === String(k));
      if (sameText !== undefined) return `${path}: map key ${String(k)} is a ${typeof sameText}, expected a ${typeof k}`;
      return `${path}: map has no key ${JSON.stringify(String(k))}`;
    }
    const d = compareValues(actual.get(k), v, tol, `${path}{${String(k)}}`);
    if (d) return d;
  }
  return undefined;
}

/**
 * Compares a runtime output with the expected value from a test's output_K.pb. Returns
 * undefined when they match, else one line saying where and how they first differ.
 * Values: Tensor, array (sequence), Map, null (optional without a value); an optional that
 * holds a value is compared as that value.
 */
export function compareValues(actual: OnnxValue | undefined, expected: OnnxValue, tol: Tolerance = DEFAULT_TOLERANCE, path = 'output'): string | undefined {
  if (expected === null) return actual === null ? undefined : `${path}: expected an empty optional, got ${describeKind(actual)}`;
  if (actual === null || actual === undefined) return `${path}: expected ${describeKind(expected)}, got ${describeKind(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected ${describeKind(expected)}, got ${describeKind(actual)}`;
    if (actual.length !== expected.length) return `${path}: sequence of ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = compareValues(actual[i], expected[i], tol, `${path}<${i}>`);
      if (d) return d;
    }
    return undefined;
  }
  if (expected instanceof Map) {
    if (!(actual instanceof Map)) return `${path}: expected a map, got ${describeKind(actual)}`;
    return compareMaps(actual, expected, tol, path);
  }
  if (!(actual instanceof Tensor)) return `${path}: expected ${describeKind(expected)}, got ${describeKind(actual)}`;
  return compareTensors(actual, expected, tol, path);
}
