// Element-wise ops (ops/math) where the ONNX suite is thin: integer wrap-around and rounding,
// the broadcast run planner against the plain per-element index, the float32 loops against
// the generic path, erf's precision, legacy broadcasting and BitCast of sub-byte types.
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import { forEachBroadcastRun } from '../../ops/helpers/broadcast-runs.js';
import { erf } from '../../ops/helpers/erf.js';
import { roundHalfEven } from '../../ops/helpers/round-half-even.js';
import { broadcastIndex, broadcastShapes } from '../../ops/helpers/shape.js';
import type { DataType } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

type Attr = number | string | number[];

function attribute(v: Attr): AttributeValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) return { type: 'ints', value: v };
  return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
}

/** Runs one op the way a session would: create once with the attributes, then the kernel. */
async function run(opType: string, inputs: (OnnxValue | undefined)[], attrs: Record<string, Attr> = {}, opset = 21): Promise<Tensor> {
  const node: Node = {
    name: 'n', opType, domain: '', inputs: inputs.map((_, i) => `in${i}`), outputs: ['out'],
    attributes: new Map(Object.entries(attrs).map(([k, v]) => [k, attribute(v)])),
  };
  const def = referenceOps.resolve('', opType, opset);
  if (!def) throw new Error(`${opType} is not registered at opset ${opset}`);
  const kernel = def.create({ node, opset, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
  const [out] = await kernel(inputs, { scope: { get: () => undefined, has: () => false } });
  return out as Tensor;
}

const t = (type: DataType, values: ArrayLike<number | bigint> | string[], dims?: number[]) => new Tensor(type, values as never, dims);
const list = (x: Tensor) => Array.from(x.data as ArrayLike<number | bigint>);

function randomDims(rank: number): number[] {
  return Array.from({ length: rank }, () => 1 + Math.floor(Math.random() * 3));
}

describe('forEachBroadcastRun', () => {
  it('visits the same input elements as the per-element broadcast index', () => {
    for (let trial = 0; trial < 300; trial++) {
      const out = randomDims(Math.floor(Math.random() * 5));
      const pick = () => out.slice(Math.floor(Math.random() * (out.length + 1))).map((d) => (Math.random() < 0.4 ? 1 : d));
      const a = pick();
      const b = pick();
      const dims = broadcastShapes(out, a, b);
      const ia = broadcastIndex(dims, a);
      const ib = broadcastIndex(dims, b);
      const seen = new Int32Array(ia.length);
      forEachBroadcastRun(dims, a, b, (ai, as, bi, bs, oi, n) => {
        for (let k = 0; k < n; k++) {
          expect([ai + k * as, bi + k * bs]).toEqual([ia[oi + k], ib[oi + k]]);
          seen[oi + k]++;
        }
      });
      expect(Array.from(seen).every((c) => c === 1)).toBe(true);
    }
  });
});

describe('float32 loops', () => {
  it('agree with the generic path (float64) on broadcast shapes', async () => {
    const shapes: [number[], number[]][] = [
      [[2, 3, 4, 5], [3, 1, 1]], [[2, 3, 4], [4]], [[1, 4, 1, 6], [3, 1, 5, 6]], [[5], []], [[], [5]], [[], []], [[2, 0, 3], [3]],
    ];
    for (const [da, db] of shapes) {
      const na = da.reduce((p, d) => p * d, 1);
      const nb = db.reduce((p, d) => p * d, 1);
      const a = Array.from({ length: na }, () => Math.fround(Math.random() * 4 - 2));
      const b = Array.from({ length: nb }, () => Math.fround(Math.random() * 4 + 0.5));
      for (const op of ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Mod']) {
        const attrs: Record<string, Attr> = op === 'Mod' ? { fmod: 1 } : {};
        const fast = await run(op, [t('float32', Float32Array.from(a), da), t('float32', Float32Array.from(b), db)], attrs);
        const slow = await run(op, [t('float64', Float64Array.from(a), da), t('float64', Float64Array.from(b), db)], attrs);
        expect(fast.dims).toEqual(slow.dims);
        expect(list(fast)).toEqual(Array.from(Float32Array.from(list(slow) as number[])));
      }
    }
  });
});

describe('integer arithmetic wraps and truncates like C', () => {
  it('Mul int32 keeps the exact low 32 bits', async () => {
    const y = await run('Mul', [t('int32', Int32Array.of(123456789, -2147483648)), t('int32', Int32Array.of(987654321, -1))]);
    expect(list(y)).toEqual([Math.imul(123456789, 987654321), -2147483648]);
  });

  it('Sub and Add wrap for narrow and 64-bit types', async () => {
    expect(list(await run('Sub', [t('uint8', [1]), t('uint8', [2])]))).toEqual([255]);
    expect(list(await run('Add', [t('int64', [9223372036854775807n]), t('int64', [1n])]))).toEqual([-9223372036854775808n]);
  });

  it('Div truncates toward zero and gives 0 for a zero divisor', async () => {
    expect(list(await run('Div', [t('int32', [-7, 7, 5]), t('int32', [2, -2, 0])]))).toEqual([-3, -3, 0]);
    expect(list(await run('Div', [t('int64', [-7n, 7n]), t('int64', [2n, 0n])]))).toEqual([-3n, 0n]);
  });

  it('Mod follows the divisor sign, or the dividend sign with fmod=1', async () => {
    const a = t('int32', [-7, 7, -7, 6]);
    const b = t('int32', [2, -2, -2, 3]);
    expect(list(await run('Mod', [a, b]))).toEqual([1, -1, -1, 0]);
    expect(list(await run('Mod', [a, b], { fmod: 1 }))).toEqual([-1, 1, -1, 0]);
    expect(list(await run('Mod', [t('int64', [-7n]), t('int64', [2n])]))).toEqual([1n]);
  });

  it('Pow raises integers exactly, wrapping on overflow', async () => {
    expect(list(await run('Pow', [t('int32', [3, 2, -2, 7]), t('int32', [4, 31, 3, 0])]))).toEqual([81, -2147483648, -8, 1]);
    expect(list(await run('Pow', [t('int64', [3n]), t('int64', [40n])]))).toEqual([BigInt.asIntN(64, 3n ** 40n)]);
    expect(list(await run('Pow', [t('int64', [2n]), t('float32', [0.5])]))).toEqual([1n]);
    expect(list(await run('Pow', [t('float32', [2, 1]), t('int64', [3n, 5n])]))).toEqual([8, 1]);
  });

  it('BitShift shifts everything out at or past the width', async () => {
    expect(list(await run('BitShift', [t('uint32', [1, 1]), t('uint32', [31, 32])], { direction: 'LEFT' }))).toEqual([2147483648, 0]);
    expect(list(await run('BitShift', [t('uint64', [1n]), t('uint64', [70n])], { direction: 'LEFT' }))).toEqual([0n]);
    expect(list(await run('BitShift', [t('uint8', [200]), t('uint8', [1])], { direction: 'LEFT' }))).toEqual([144]);
  });

  it('Abs and Neg of the most negative value wrap to itself', async () => {
    expect(list(await run('Abs', [t('int8', [-128, -5])]))).toEqual([-128, 5]);
    expect(list(await run('Neg', [t('int64', [-9223372036854775808n])]))).toEqual([-9223372036854775808n]);
  });
});

describe('rounding and special functions', () => {
  it('Round sends ties to even and keeps the sign of zero', () => {
    expect([0.5, 1.5, 2.5, -2.5, -0.5, 2.4, -2.6].map(roundHalfEven)).toEqual([0, 2, 2, -2, -0, 2, -3]);
    expect(Object.is(roundHalfEven(-0.4), -0)).toBe(true);
    expect(roundHalfEven(Infinity)).toBe(Infinity);
    expect(roundHalfEven(NaN)).toBeNaN();
  });

  it('erf is accurate to double precision', () => {
    const known: [number, number][] = [
      [1e-10, 1.1283791670955126e-10], [0.5, 0.5204998778130465], [1, 0.8427007929497149],
      [1.5, 0.9661051464753108], [2.5, 0.999593047982555], [3, 0.9999779095030014], [5, 0.9999999999984626],
    ];
    for (const [x, y] of known) {
      expect(Math.abs(erf(x) - y) / y).toBeLessThan(5e-16);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(erf(10)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(NaN)).toBeNaN();
  });
});

describe('Clip', () => {
  it('sets everything to max when min > max', async () => {
    const y = await run('Clip', [t('float32', [-2, 0, 2]), t('float32', [1], []), t('float32', [-1], [])], {}, 13);
    expect(list(y)).toEqual([-1, -1, -1]);
  });

  it('clips infinities to the type limits when a bound is omitted', async () => {
    const y = await run('Clip', [t('float32', [Infinity, -Infinity, 1])], {}, 13);
    expect(list(y)).toEqual([3.4028234663852886e38, -3.4028234663852886e38, 1]);
  });

  it('takes int64 bounds and the attribute form of opset 6', async () => {
    expect(list(await run('Clip', [t('int64', [-5n, 5n]), undefined, t('int64', [3n], [])], {}, 13))).toEqual([-5n, 3n]);
    expect(list(await run('Clip', [t('float32', [-5, 0.5, 5])], { min: -1.0, max: 1.0 }, 6))).toEqual([-1, 0.5, 1]);
  });
});

describe('legacy forms', () => {
  it('Add-6 aligns B to A at `axis` when broadcast=1', async () => {
    const a = t('float32', new Float32Array(6).fill(1), [2, 3]);
    const b = t('float32', [10, 20], [2]);
    expect(list(await run('Add', [a, b], { broadcast: 1, axis: 0 }, 6))).toEqual([11, 11, 11, 21, 21, 21]);
  });

  it('PRelu-6 applies a per-channel slope along axis 1', async () => {
    const x = t('float32', [-1, -1, -1, -1, 1, 1], [1, 3, 2]);
    const slope = t('float32', [0.1, 0.2, 0.3], [3]);
    const y = list(await run('PRelu', [x, slope], {}, 6)) as number[];
    expect(y.map((v) => Math.round(v * 10) / 10)).toEqual([-0.1, -0.1, -0.2, -0.2, 1, 1]);
  });
});

describe('Where', () => {
  it('selects strings with broadcasting', async () => {
    const y = await run('Where', [t('bool', [1, 0], [2]), t('string', ['a', 'b', 'c', 'd'], [2, 2]), t('string', ['z'], [])]);
    expect(y.dims).toEqual([2, 2]);
    expect(y.data).toEqual(['a', 'z', 'c', 'z']);
  });
});

describe('BitCast', () => {
  const TO = { int32: 6, uint4: 21, int4: 22, int64: 7, float32: 1 };

  it('reinterprets float32 bits as int32', async () => {
    expect(list(await run('BitCast', [t('float32', [1, -2])], { to: TO.int32 }, 26))).toEqual([0x3f800000, -0x40000000]);
  });

  it('reinterprets sub-byte patterns, sign-extending into signed types', async () => {
    const y = await run('BitCast', [t('uint4', [15, 8, 7])], { to: TO.int4 }, 26);
    expect(y.type).toBe('int4');
    expect(list(y)).toEqual([-1, -8, 7]);
    expect(list(await run('BitCast', [y], { to: TO.uint4 }, 26))).toEqual([15, 8, 7]);
  });

  it('rejects types of different widths', async () => {
    await expect(run('BitCast', [t('float32', [1])], { to: TO.int64 }, 26)).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('type checks', () => {
  it('name the op and the type it does not take', async () => {
    await expect(run('Sqrt', [t('int32', [4])])).rejects.toThrow(/Sqrt does not take int32/);
    await expect(run('Add', [t('float32', [1]), t('float64', [1])])).rejects.toThrow(/float32 and float64/);
  });
});
