// Cast (ops/cast, ops/helpers/cast-tensor) where the ONNX suite is thin: string formatting and
// parsing, integer wrap-around (sub-byte types included), 64-bit integers, Cast-1's string `to`,
// and the float codecs' rounding (ties to even straight from float64, saturation, e8m0 modes).
import { describe, expect, it } from 'vitest';
import * as codecs from '../../data/float-codecs.js';
import { runOp, tensor, values } from './op-harness.js';

const TO = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, string: 8, bool: 9, float16: 10, float64: 11, uint64: 13, uint4: 21, int4: 22, float8e8m0: 24, uint2: 25, int2: 26 };

async function cast(x: ReturnType<typeof tensor>, to: number, attrs: Record<string, number | string> = {}) {
  return (await runOp('Cast', [x], { to, ...attrs }))[0];
}

describe('Cast to and from strings', () => {
  it('formats floats as the shortest decimal that reads back in the source type', async () => {
    const f = tensor('float32', [0.1, 1e-5, 1e16, 123, -2.5, NaN, -Infinity, 0.9767611026763916]);
    expect((await cast(f, TO.string)).data).toEqual(['0.1', '1e-05', '1e+16', '123.0', '-2.5', 'nan', '-inf', '0.9767611']);
    expect((await cast(tensor('float64', [0.1, 1 / 3]), TO.string)).data).toEqual(['0.1', '0.3333333333333333']);
    expect((await cast(tensor('float16', [0x2e66]), TO.string)).data).toEqual(['0.1']);
    expect((await cast(tensor('int64', [-(2n ** 63n)]), TO.string)).data).toEqual(['-9223372036854775808']);
  });

  it('parses plain, scientific and the INF/NaN literals in any case', async () => {
    const s = tensor('string', ['1e-5', ' 3.5 ', '+INF', 'inf', '-Inf', 'NaN', '1E8']);
    expect(values(await cast(s, TO.float64))).toEqual([1e-5, 3.5, Infinity, Infinity, -Infinity, NaN, 1e8]);
    expect(values(await cast(tensor('string', ['100.5', '-7', '300']), TO.int8))).toEqual([100, -7, 44]);
    expect(values(await cast(tensor('string', ['9223372036854775807']), TO.int64))).toEqual([2n ** 63n - 1n]);
  });
});

describe('Cast between numbers', () => {
  it('truncates floats and wraps integers to the target width', async () => {
    expect(values(await cast(tensor('float32', [-3.7, 3.7, 200, NaN]), TO.int32))).toEqual([-3, 3, 200, 0]);
    expect(values(await cast(tensor('int32', [200, -129, 256]), TO.int8))).toEqual([-56, 127, 0]);
    expect(values(await cast(tensor('float32', [9, -9, 7.9]), TO.int4))).toEqual([-7, 7, 7]);
    expect(values(await cast(tensor('int32', [-1, 17]), TO.uint4))).toEqual([15, 1]);
    expect(values(await cast(tensor('int8', [2, -3]), TO.int2))).toEqual([-2, 1]);
    expect(values(await cast(tensor('uint64', [2n ** 64n - 1n]), TO.int64))).toEqual([-1n]);
    expect(values(await cast(tensor('int64', [2n ** 40n + 5n]), TO.int32))).toEqual([5]);
    expect(values(await cast(tensor('float64', [-1]), TO.uint64))).toEqual([2n ** 64n - 1n]);
  });

  it('maps anything non-zero (NaN included) to true, and bools to 1/0', async () => {
    expect(values(await cast(tensor('float32', [0, -0, NaN, 0.1]), TO.bool))).toEqual([0, 0, 1, 1]);
    expect(values(await cast(tensor('bool', [1, 0]), TO.int64))).toEqual([1n, 0n]);
  });

  it('reads Cast-1 `to` given as a type name', async () => {
    const [r] = await runOp('Cast', [tensor('float32', [1.5])], { to: 'INT32' }, 1);
    expect(r.type).toBe('int32');
  });

  it('rounds to float8e8m0 as round_mode says', async () => {
    const x = tensor('float32', [0.75, 3, 1]);
    expect(values(await cast(x, TO.float8e8m0, { round_mode: 'up' }))).toEqual([127, 129, 127]);
    expect(values(await cast(x, TO.float8e8m0, { round_mode: 'down' }))).toEqual([126, 128, 127]);
    expect(values(await cast(x, TO.float8e8m0, { round_mode: 'nearest' }))).toEqual([127, 129, 127]);
    await expect(runOp('Cast', [x], { to: TO.float8e8m0, round_mode: 'sideways' })).rejects.toThrow(/round_mode/);
  });
});

describe('float codecs', () => {
  it('round-trip every float16 and bfloat16 code and send midpoints to the even code', () => {
    const wrong: string[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const v = codecs.float16BitsToNumber(h);
      if (Number.isNaN(v)) continue;
      if (codecs.numberToFloat16Bits(v) !== h) wrong.push(`f16 ${h}`);
      if ((h & 0x7fff) < 0x7bff) {
        const mid = (v + codecs.float16BitsToNumber(h + 1)) / 2;
        if (codecs.numberToFloat16Bits(mid) !== (h & 1 ? h + 1 : h)) wrong.push(`f16 mid ${h}`);
      }
      const b = codecs.bfloat16BitsToNumber(h);
      if (!Number.isNaN(b) && codecs.numberToBfloat16Bits(b) !== h) wrong.push(`bf16 ${h}`);
    }
    expect(wrong).toEqual([]);
  });

  it('round float64 inputs once (no detour through float32)', () => {
    // just above the midpoint between 1 and the next float16: float32 would land on the midpoint
    expect(codecs.numberToFloat16Bits(1 + 2 ** -11 + 2 ** -40)).toBe(0x3c01);
    expect(codecs.numberToBfloat16Bits(1 + 2 ** -8 + 2 ** -40)).toBe(0x3f81);
    expect(codecs.numberToFloat16Bits(65520)).toBe(0x7c00);
  });

  it('saturate or overflow float8 as each format allows', () => {
    const { float8e4m3fn: fn, float8e4m3fnuz: fnuz, float8e5m2: e5, float4e2m1: e2m1 } = codecs;
    expect(fn.decode(fn.encode(Infinity, true))).toBe(448);
    expect(fn.decode(fn.encode(1e6, false))).toBeNaN();
    expect(fn.decode(fn.encode(464, false))).toBe(448); // the tie above max goes to the even code
    expect(fnuz.decode(fnuz.encode(-Infinity, true))).toBe(-240);
    expect(e5.decode(e5.encode(-1e6, false))).toBe(-Infinity);
    expect(e2m1.decode(e2m1.encode(Infinity, false))).toBe(6);
    for (const codec of [fn, fnuz, e5, codecs.float8e5m2fnuz]) {
      for (let c = 0; c < 256; c++) {
        const v = codec.decode(c);
        if (Number.isFinite(v) && v !== 0) expect(codec.encode(v, false)).toBe(c);
      }
    }
  });
});
