// TensorProto decoding: every element type, raw_data vs the typed fields, sparse tensors.
import { describe, expect, it } from 'vitest';
import { decodeTensor } from '../../graph/decode-tensor.js';
import type { TensorMessage } from '../../graph/proto/onnx-messages.js';
import { TensorProtoType } from '../../graph/proto/onnx-reflection.js';
import { decodeValueFile } from '../../graph/decode-value.js';
import { ALL_DATA_TYPES, dataTypeCode } from '../../data/dtype.js';
import { InvalidModelError, ResourceLimitError } from '../../src/index.js';

/** Round-trips a message through protobuf bytes, as a file would. */
function viaBytes(m: Record<string, unknown>) {
  return decodeValueFile(TensorProtoType.encode(TensorProtoType.fromObject(m)).finish()) as import('../../src/index.js').Tensor;
}

const le = (Ctor: { new (n: number): ArrayBufferView & ArrayLike<unknown> }, values: unknown[]) => {
  const a = new Ctor(values.length) as unknown as { [i: number]: unknown; buffer: ArrayBuffer };
  values.forEach((v, i) => (a[i] = v));
  return new Uint8Array(a.buffer);
};

describe('decodeTensor', () => {
  it('knows every ONNX element type code', () => {
    expect(ALL_DATA_TYPES.length).toBe(26);
    expect(dataTypeCode('float32')).toBe(1);
    expect(dataTypeCode('bfloat16')).toBe(16);
    expect(dataTypeCode('float8e4m3fn')).toBe(17);
    expect(dataTypeCode('int4')).toBe(22);
    expect(dataTypeCode('float8e8m0')).toBe(24);
    expect(dataTypeCode('int2')).toBe(26);
  });

  const cases: [string, number, Record<string, unknown>, Record<string, unknown>, unknown[]][] = [
    ['float32', 1, { rawData: le(Float32Array, [1.5, -2]) }, { floatData: [1.5, -2] }, [1.5, -2]],
    ['float64', 11, { rawData: le(Float64Array, [0.1, 3]) }, { doubleData: [0.1, 3] }, [0.1, 3]],
    ['int8', 3, { rawData: new Uint8Array([0xff, 5]) }, { int32Data: [-1, 5] }, [-1, 5]],
    ['uint8', 2, { rawData: new Uint8Array([255, 5]) }, { int32Data: [255, 5] }, [255, 5]],
    ['int16', 5, { rawData: le(Int16Array, [-300, 7]) }, { int32Data: [-300, 7] }, [-300, 7]],
    ['uint16', 4, { rawData: le(Uint16Array, [65535, 7]) }, { int32Data: [65535, 7] }, [65535, 7]],
    ['int32', 6, { rawData: le(Int32Array, [-70000, 7]) }, { int32Data: [-70000, 7] }, [-70000, 7]],
    ['uint32', 12, { rawData: le(Uint32Array, [4000000000, 7]) }, { uint64Data: [4000000000, 7] }, [4000000000, 7]],
    ['int64', 7, { rawData: le(BigInt64Array, [-(2n ** 62n), 7n]) }, { int64Data: ['-4611686018427387904', 7] }, [-(2n ** 62n), 7n]],
    ['uint64', 13, { rawData: le(BigUint64Array, [2n ** 63n + 1n, 7n]) }, { uint64Data: ['9223372036854775809', 7] }, [2n ** 63n + 1n, 7n]],
    ['bool', 9, { rawData: new Uint8Array([1, 0]) }, { int32Data: [1, 0] }, [1, 0]],
    ['float16', 10, { rawData: le(Uint16Array, [0x3c00, 0xc000]) }, { int32Data: [0x3c00, 0xc000] }, [0x3c00, 0xc000]],
    ['bfloat16', 16, { rawData: le(Uint16Array, [0x3f80, 0xc000]) }, { int32Data: [0x3f80, 0xc000] }, [0x3f80, 0xc000]],
    ['float8e4m3fn', 17, { rawData: new Uint8Array([0x38, 0x7f]) }, { int32Data: [0x38, 0x7f] }, [0x38, 0x7f]],
    ['float8e5m2', 19, { rawData: new Uint8Array([0x3c, 0x7c]) }, { int32Data: [0x3c, 0x7c] }, [0x3c, 0x7c]],
    ['int4', 22, { rawData: new Uint8Array([0xf7]) }, { int32Data: [7, -1] }, [7, -1]],
    ['uint4', 21, { rawData: new Uint8Array([0xf7]) }, { int32Data: [7, 15] }, [7, 15]],
    ['int2', 26, { rawData: new Uint8Array([0b1101]) }, { int32Data: [1, -1] }, [1, -1]],
    ['complex64', 14, { rawData: le(Float32Array, [1, 2, 3, 4]) }, { floatData: [1, 2, 3, 4] }, [1, 2, 3, 4]],
  ];

  for (const [type, code, raw, typed, expected] of cases) {
    it(`${type}: raw_data and typed fields decode to the same values`, () => {
      for (const storage of [raw, typed]) {
        const t = viaBytes({ dims: [2], dataType: code, ...storage });
        expect(t.type).toBe(type);
        expect(t.dims).toEqual([2]);
        expect(Array.from(t.data as ArrayLike<unknown>)).toEqual(expected);
      }
    });
  }

  it('decodes strings from string_data', () => {
    const enc = new TextEncoder();
    const t = viaBytes({ dims: [2], dataType: 8, stringData: [enc.encode('héllo'), enc.encode('')] });
    expect(t.data).toEqual(['héllo', '']);
  });

  it('decodes scalars (no dims) and empty tensors', () => {
    expect(viaBytes({ dataType: 1, floatData: [3] }).dims).toEqual([]);
    expect(viaBytes({ dims: [0, 3], dataType: 1 }).size).toBe(0);
  });

  it('refuses raw_data whose size disagrees with dims and dtype', () => {
    expect(() => viaBytes({ dims: [3], dataType: 1, rawData: new Uint8Array(8) })).toThrow(InvalidModelError);
    expect(() => viaBytes({ dims: [3], dataType: 1, floatData: [1, 2] })).toThrow(/expected 3/);
  });

  it('refuses negative and absurd dims before allocating', () => {
    const m: TensorMessage = { dims: [-1], dataType: 1 };
    expect(() => decodeTensor(m)).toThrow(ResourceLimitError);
    const start = performance.now();
    expect(() => decodeTensor({ dims: [1e6, 1e6, 1e6], dataType: 1 })).toThrow(ResourceLimitError);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('refuses an unknown data_type', () => {
    expect(() => decodeTensor({ dims: [1], dataType: 99 })).toThrow(/unknown data_type 99/);
  });
});
