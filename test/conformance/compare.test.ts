import { describe, expect, it } from 'vitest';
import { compareValues, DEFAULT_TOLERANCE } from '../../onnx-conformance/compare.js';
import type { DataType } from '../../data/dtype.js';
import { encodeFloatArray } from '../../data/float-codecs.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';

const f32 = (values: number[], dims?: number[]) => new Tensor('float32', Float32Array.from(values), dims);
const f64 = (values: number[], dims?: number[]) => new Tensor('float64', Float64Array.from(values), dims);
const encoded = (type: DataType, values: number[]) => new Tensor(type, encodeFloatArray(type, values), [values.length]);

describe('compareValues: floats', () => {
  it('uses the ONNX backend tolerances: rtol 1e-3, atol 1e-7', () => {
    expect(DEFAULT_TOLERANCE).toEqual({ rtol: 1e-3, atol: 1e-7 });
  });

  it('accepts differences up to atol + rtol * |expected| and rejects just beyond', () => {
    const e = 1000;
    const limit = 1e-7 + 1e-3 * e; // 1.0000001
    expect(compareValues(f64([e + limit * 0.999]), f64([e]))).toBeUndefined();
    expect(compareValues(f64([e - limit * 0.999]), f64([e]))).toBeUndefined();
    expect(compareValues(f64([e + limit * 1.001]), f64([e]))).toMatch(/expected 1000/);
    // near zero only atol is left
    expect(compareValues(f64([0.9e-7]), f64([0]))).toBeUndefined();
    expect(compareValues(f64([1.1e-7]), f64([0]))).toMatch(/expected 0/);
    // the tolerance scales with the expected value, not the actual one
    expect(compareValues(f64([2]), f64([1]))).toBeDefined();
  });

  it('treats NaN as equal to NaN, and only to NaN', () => {
    expect(compareValues(f32([NaN, 1]), f32([NaN, 1]))).toBeUndefined();
    expect(compareValues(f32([0, 1]), f32([NaN, 1]))).toMatch(/\[0\]: 0, expected NaN/);
    expect(compareValues(f32([NaN, 1]), f32([0, 1]))).toMatch(/\[0\]: NaN, expected 0/);
  });

  it('requires infinities to match exactly, sign included', () => {
    expect(compareValues(f32([Infinity, -Infinity]), f32([Infinity, -Infinity]))).toBeUndefined();
    expect(compareValues(f32([-Infinity]), f32([Infinity]))).toMatch(/-Infinity, expected Infinity/);
    expect(compareValues(f32([3.4e38]), f32([Infinity]))).toBeDefined();
    expect(compareValues(f32([Infinity]), f32([3.4e38]))).toBeDefined();
    expect(compareValues(f32([NaN]), f32([Infinity]))).toBeDefined();
  });

  it('names the coordinates of the first difference and counts the rest', () => {
    const d = compareValues(f32([1, 2, 3, 4, 5, 6], [2, 3]), f32([1, 2, 3, 4, 0, 0], [2, 3]), DEFAULT_TOLERANCE, 'y');
    expect(d).toMatch(/^y\[1,1\]: 5, expected 0 \(2 of 6 values differ, max abs diff 6/);
  });

  it('compares complex numbers part by part', () => {
    const c = (v: number[]) => new Tensor('complex64', Float32Array.from(v), [v.length / 2]);
    expect(compareValues(c([1, 2, 3, 4]), c([1, 2, 3, 4]))).toBeUndefined();
    expect(compareValues(c([1, 2, 3, 5]), c([1, 2, 3, 4]))).toMatch(/\[1\] \(imag\)/);
  });

  it.each(['float16', 'bfloat16', 'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float8e8m0', 'float4e2m1'] as DataType[])(
    'decodes %s bit patterns before comparing', (type) => {
      expect(compareValues(encoded(type, [1, 2, 0.5]), encoded(type, [1, 2, 0.5]))).toBeUndefined();
      expect(compareValues(encoded(type, [1, 4, 0.5]), encoded(type, [1, 2, 0.5]))).toMatch(/\[1\]: 4, expected 2/);
    });

  it('treats encoded NaNs as equal (float16, float8e4m3fn, float8e5m2fnuz)', () => {
    expect(compareValues(new Tensor('float16', Uint16Array.from([0x7e00]), [1]), new Tensor('float16', Uint16Array.from([0x7c01]), [1]))).toBeUndefined();
    expect(compareValues(new Tensor('float8e4m3fn', Uint8Array.from([0x7f]), [1]), new Tensor('float8e4m3fn', Uint8Array.from([0xff]), [1]))).toBeUndefined();
    expect(compareValues(new Tensor('float8e5m2fnuz', Uint8Array.from([0x80]), [1]), new Tensor('float8e5m2fnuz', Uint8Array.from([0]), [1]))).toMatch(/NaN, expected 0/);
  });
});

describe('compareValues: exact types', () => {
  it('compares integers exactly, whatever their size', () => {
    const i32 = (v: number[]) => new Tensor('int32', Int32Array.from(v));
    expect(compareValues(i32([1000, -5]), i32([1000, -5]))).toBeUndefined();
    expect(compareValues(i32([1001, -5]), i32([1000, -5]))).toMatch(/1001, expected 1000/);
    const i64 = (v: bigint[]) => new Tensor('int64', BigInt64Array.from(v));
    expect(compareValues(i64([2n ** 62n]), i64([2n ** 62n]))).toBeUndefined();
    expect(compareValues(i64([2n ** 62n + 1n]), i64([2n ** 62n]))).toBeDefined();
    const u64 = (v: bigint[]) => new Tensor('uint64', BigUint64Array.from(v));
    expect(compareValues(u64([2n ** 64n - 1n]), u64([2n ** 64n - 1n]))).toBeUndefined();
  });

  it('compares the unpacked sub-byte integer types exactly', () => {
    for (const type of ['int4', 'int2'] as const) {
      const t = (v: number[]) => new Tensor(type, Int8Array.from(v));
      expect(compareValues(t([-2, 1]), t([-2, 1]))).toBeUndefined();
      expect(compareValues(t([-1, 1]), t([-2, 1]))).toMatch(/-1, expected -2/);
    }
    for (const type of ['uint4', 'uint2'] as const) {
      const t = (v: number[]) => new Tensor(type, Uint8Array.from(v));
      expect(compareValues(t([3, 0]), t([3, 0]))).toBeUndefined();
      expect(compareValues(t([3, 1]), t([3, 0]))).toBeDefined();
    }
  });

  it('compares bools as 0/1 and flags any other stored byte', () => {
    const b = (v: number[]) => new Tensor('bool', Uint8Array.from(v));
    expect(compareValues(b([1, 0]), b([1, 0]))).toBeUndefined();
    expect(compareValues(b([0, 0]), b([1, 0]))).toMatch(/0, expected 1/);
    expect(compareValues(b([2, 0]), b([1, 0]))).toMatch(/bool stored as 2/);
  });

  it('compares strings exactly', () => {
    const s = (v: string[]) => new Tensor('string', v);
    expect(compareValues(s(['a', 'é']), s(['a', 'é']))).toBeUndefined();
    expect(compareValues(s(['a', 'B']), s(['a', 'b']))).toMatch(/"B", expected "b"/);
    expect(compareValues(s(['a ']), s(['a']))).toBeDefined();
  });
});

describe('compareValues: dtype and shape', () => {
  it('rejects a different dtype even when the values agree', () => {
    expect(compareValues(f64([1, 2]), f32([1, 2]))).toMatch(/dtype float64, expected float32/);
    expect(compareValues(new Tensor('int32', Int32Array.from([1])), new Tensor('int64', BigInt64Array.from([1n])))).toMatch(/dtype int32, expected int64/);
  });

  it('rejects a different shape even with the same number of elements', () => {
    expect(compareValues(f32([1, 2, 3, 4], [4]), f32([1, 2, 3, 4], [2, 2]))).toMatch(/shape \[4\], expected \[2,2\]/);
    expect(compareValues(f32([1], [1]), f32([1], []))).toMatch(/shape \[1\], expected \[\]/);
    expect(compareValues(f32([], [0, 3]), f32([], [3, 0]))).toBeDefined();
    expect(compareValues(f32([], [0, 3]), f32([], [0, 3]))).toBeUndefined();
  });
});

describe('compareValues: sequences, optionals, maps', () => {
  it('compares sequences element by element, length first', () => {
    expect(compareValues([f32([1]), f32([2, 3])], [f32([1]), f32([2, 3])])).toBeUndefined();
    expect(compareValues([], [])).toBeUndefined();
    expect(compareValues([f32([1])], [f32([1]), f32([2])])).toMatch(/sequence of 1, expected 2/);
    expect(compareValues([f32([1]), f32([9])], [f32([1]), f32([2])], DEFAULT_TOLERANCE, 'out')).toMatch(/^out<1>\[0\]: 9, expected 2/);
    expect(compareValues(f32([1]), [f32([1])])).toMatch(/expected a sequence of 1, got a float32 tensor/);
    expect(compareValues([f32([1])], f32([1]))).toMatch(/expected a float32 tensor, got a sequence/);
    expect(compareValues([[f32([1])]], [[f32([2])]])).toMatch(/<0><0>/);
  });

  it('distinguishes an empty optional from a value and from a missing output', () => {
    expect(compareValues(null, null)).toBeUndefined();
    expect(compareValues(f32([1]), null)).toMatch(/expected an empty optional, got a float32 tensor/);
    expect(compareValues(undefined, null)).toMatch(/expected an empty optional, got nothing/);
    expect(compareValues(null, f32([1]))).toMatch(/expected a float32 tensor, got an empty optional/);
    expect(compareValues(undefined, f32([1]))).toMatch(/got nothing/);
    // an optional holding a value is that value; an optional holding an empty sequence is []
    expect(compareValues([], [])).toBeUndefined();
    expect(compareValues(null, [])).toMatch(/got an empty optional/);
  });

  it('compares maps by key, key type included', () => {
    const m = (entries: [string | bigint, OnnxValue][]) => new Map<string | bigint, OnnxValue>(entries);
    expect(compareValues(m([['a', f32([1])], ['b', f32([2])]]), m([['b', f32([2])], ['a', f32([1])]]))).toBeUndefined();
    expect(compareValues(m([['a', f32([1])]]), m([['a', f32([2])]]))).toMatch(/\{a\}\[0\]: 1, expected 2/);
    expect(compareValues(m([['a', f32([1])]]), m([['c', f32([1])]]))).toMatch(/no key "c"/);
    expect(compareValues(m([['1', f32([1])]]), m([[1n, f32([1])]]))).toMatch(/key 1 is a string, expected a bigint/);
    expect(compareValues(m([]), m([[1n, f32([1])]]))).toMatch(/map of 0 entries, expected 1/);
    expect(compareValues(f32([1]), m([]))).toMatch(/expected a map/);
  });
});
