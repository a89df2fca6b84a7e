// Output comparison as in ONNX's backend test runner: floats within rtol/atol (NaN equals
// NaN, infinities must match), exact for integers, bools and strings; dtype and shape must match.
import { ENCODED_FLOAT_TYPES } from '../src/data/dtype.js';
import { decodeFloatArray } from '../src/data/float-codecs.js';
import { type OnnxValue, Tensor } from '../src/data/tensor.js';

export interface Tolerance { rtol: number; atol: number }

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-3, atol: 1e-7 };

function floatValues(t: Tensor): ArrayLike<number> {
  if (ENCODED_FLOAT_TYPES.has(t.type)) return decodeFloatArray(t.type, t.data as Uint8Array);
  return t.data as ArrayLike<number>;
}

/** Returns undefined when equal, else a one-line description of the first difference. */
export function compareValues(actual: OnnxValue | undefined, expected: OnnxValue, tol: Tolerance = DEFAULT_TOLERANCE, path = 'output'): string | undefined {
  if (expected === null) return actual === null ? undefined : `${path}: expected an empty optional, got a value`;
  if (actual === null || actual === undefined) return `${path}: expected a value, got ${actual === null ? 'an empty optional' : 'nothing'}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a sequence`;
    if (actual.length !== expected.length) return `${path}: sequence length ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = compareValues(actual[i], expected[i], tol, `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (expected instanceof Map) {
    if (!(actual instanceof Map)) return `${path}: expected a map`;
    if (actual.size !== expected.size) return `${path}: map size ${actual.size}, expected ${expected.size}`;
    for (const [k, v] of expected) {
      const d = compareValues(actual.get(k), v, tol, `${path}[${String(k)}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (!(actual instanceof Tensor)) return `${path}: expected a tensor`;
  if (actual.type !== expected.type) return `${path}: dtype ${actual.type}, expected ${expected.type}`;
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i])) {
    return `${path}: shape [${actual.dims}], expected [${expected.dims}]`;
  }
  const isFloat = expected.type === 'float32' || expected.type === 'float64' || expected.type === 'complex64' || expected.type === 'complex128' || ENCODED_FLOAT_TYPES.has(expected.type);
  if (isFloat) {
    const a = floatValues(actual), e = floatValues(expected);
    for (let i = 0; i < e.length; i++) {
      const x = a[i], y = e[i];
      if (Number.isNaN(y)) { if (!Number.isNaN(x)) return `${path}[${i}]: ${x}, expected NaN`; continue; }
      if (!Number.isFinite(y)) { if (x !== y) return `${path}[${i}]: ${x}, expected ${y}`; continue; }
      if (!(Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y))) return `${path}[${i}]: ${x}, expected ${y}`;
    }
    return undefined;
  }
  const a = actual.data as ArrayLike<unknown>, e = expected.data as ArrayLike<unknown>;
  for (let i = 0; i < e.length; i++) {
    if (a[i] !== e[i]) return `${path}[${i}]: ${String(a[i])}, expected ${String(e[i])}`;
  }
  return undefined;
}
