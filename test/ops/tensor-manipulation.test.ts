// Tensor-manipulation ops (ops/tensor) where the ONNX suite is thin: index errors, clamping,
// negative steps and pads, opset-specific forms, tie-breaking, strings and encoded floats,
// and the zero-copy views the shape-tensor hot path relies on.
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { DataType } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError, InvalidModelError } from '../../data/errors.js';

type Attr = number | string | number[] | string[] | Tensor;

function attribute(v: Attr): AttributeValue {
  if (v instanceof Tensor) return { type: 'tensor', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) {
    if (v.some((x) => typeof x === 'string')) return { type: 'strings', value: v as string[] };
    return (v as number[]).every(Number.isInteger) ? { type: 'ints', value: v as number[] } : { type: 'floats', value: v as number[] };
  }
  return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
}

/** Runs one op the way a session would: create once with the attributes, then the kernel. */
async function runAll(opType: string, inputs: (OnnxValue | undefined)[], attrs: Record<string, Attr> = {}, opset = 21, outputs = 1): Promise<Tensor[]> {
  const node: Node = {
    name: 'n', opType, domain: '', inputs: inputs.map((_, i) => `in${i}`), outputs: Array.from({ length: outputs }, (_, i) => `out${i}`),
    attributes: new Map(Object.entries(attrs).map(([k, v]) => [k, attribute(v)])),
  };
  const def = referenceOps.resolve('', opType, opset);
  if (!def) throw new Error(`${opType} is not registered at opset ${opset}`);
  const kernel = def.create({ node, opset, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
  return (await kernel(inputs, { scope: { get: () => undefined, has: () => false } })) as Tensor[];
}

async function run(opType: string, inputs: (OnnxValue | undefined)[], attrs: Record<string, Attr> = {}, opset = 21): Promise<Tensor> {
  return (await runAll(opType, inputs, attrs, opset))[0];
}

const t = (type: DataType, values: ArrayLike<number | bigint> | string[], dims?: number[]) => new Tensor(type, values as never, dims);
const f32 = (values: number[], dims?: number[]) => t('float32', Float32Array.from(values), dims);
const i64 = (values: (number | bigint)[], dims?: number[]) => t('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);
const list = (x: Tensor) => Array.from(x.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? Number(v) : v));
const iota = (n: number) => Array.from({ length: n }, (_, i) => i);

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

describe('Slice', () => {
  const x = f32(iota(10));
  it('clamps INT64_MAX/MIN ends and walks negative steps', async () => {
    expect(list(await run('Slice', [x, i64([INT64_MAX]), i64([INT64_MIN]), i64([0]), i64([-1])]))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(list(await run('Slice', [x, i64([-2]), i64([INT64_MIN]), undefined, i64([-3])]))).toEqual([8, 5, 2]);
    expect(list(await run('Slice', [x, i64([1]), i64([INT64_MAX]), undefined, i64([4])]))).toEqual([1, 5, 9]);
    expect(list(await run('Slice', [x, i64([20]), i64([30])]))).toEqual([]);
    expect(list(await run('Slice', [x, i64([-100]), i64([2])]))).toEqual([0, 1]);
  });
  it('slices with negative axes and the attribute form of Slice-1', async () => {
    const m = f32(iota(12), [3, 4]);
    const y = await run('Slice', [m, i64([1]), i64([3]), i64([-1])]);
    expect(y.dims).toEqual([3, 2]);
    expect(list(y)).toEqual([1, 2, 5, 6, 9, 10]);
    const z = await run('Slice', [m], { starts: [1, 0], ends: [1000, -2] }, 1);
    expect(list(z)).toEqual([4, 5, 8, 9]);
  });
  it('rejects a zero step and repeated axes', async () => {
    await expect(run('Slice', [x, i64([0]), i64([5]), i64([0]), i64([0])])).rejects.toThrow(InvalidInputError);
    await expect(run('Slice', [f32(iota(4), [2, 2]), i64([0, 0]), i64([1, 1]), i64([0, -2])])).rejects.toThrow(/repeats/);
  });
  it('returns a view for contiguous rows of an int64 shape tensor', async () => {
    const shape = i64([2, 3, 4, 5]);
    const y = await run('Slice', [shape, i64([1]), i64([3])]);
    expect(list(y)).toEqual([3, 4]);
    expect((y.data as BigInt64Array).buffer).toBe((shape.data as BigInt64Array).buffer);
  });
});

describe('Gather family index checks', () => {
  const x = f32(iota(6), [2, 3]);
  it('Gather accepts negative indices and names op, index and range when out of range', async () => {
    expect(list(await run('Gather', [x, i64([-1, 0])], { axis: 1 }))).toEqual([2, 0, 5, 3]);
    const err = await run('Gather', [x, i64([3])], { axis: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toMatch(/Gather.*index 3.*\[-3, 2\]/);
    await expect(run('Gather', [x, t('int32', Int32Array.of(-4), [])], { axis: 1 })).rejects.toThrow(/index -4/);
  });
  it('Gather of a scalar index from an int64 shape drops the axis', async () => {
    const y = await run('Gather', [i64([7, 8, 9]), i64([1], [])]);
    expect(y.dims).toEqual([]);
    expect(list(y)).toEqual([8]);
  });
  it('GatherElements, GatherND, ScatterElements and ScatterND reject out-of-range indices', async () => {
    await expect(run('GatherElements', [x, i64([0, 2], [1, 2])])).rejects.toThrow(/GatherElements: index 2/);
    await expect(run('GatherND', [x, i64([1, 3], [1, 2])])).rejects.toThrow(/GatherND: index 3/);
    await expect(run('ScatterElements', [x, i64([5], [1, 1]), f32([1], [1, 1])])).rejects.toThrow(/ScatterElements: index 5/);
    await expect(run('ScatterND', [x, i64([-3], [1, 1]), f32([1, 1, 1], [1, 3])])).rejects.toThrow(/ScatterND: index -3/);
  });
  it('GatherND with batch_dims', async () => {
    const data = f32(iota(8), [2, 2, 2]);
    const y = await run('GatherND', [data, i64([1, 0], [2, 1])], { batch_dims: 1 });
    expect(y.dims).toEqual([2, 2]);
    expect(list(y)).toEqual([2, 3, 4, 5]);
  });
  it('ScatterElements and ScatterND reduce duplicates', async () => {
    const d = f32([1, 1, 1]);
    expect(list(await run('ScatterElements', [d, i64([0, 0, 2]), f32([2, 3, 4])], { reduction: 'add' }, 18))).toEqual([6, 1, 5]);
    expect(list(await run('ScatterElements', [d, i64([0, 0, 2]), f32([2, 3, 4])], { reduction: 'mul' }, 18))).toEqual([6, 1, 4]);
    expect(list(await run('ScatterND', [i64([5, 5]), i64([1, 1], [2, 1]), i64([7, 3])], { reduction: 'min' }, 18))).toEqual([5, 3]);
    await expect(run('ScatterND', [d, i64([0], [1, 1]), f32([1])], { reduction: 'max' }, 16)).rejects.toThrow(InvalidModelError);
  });
});

describe('Split', () => {
  const x = f32(iota(5));
  it('num_outputs gives ceil-sized parts with a shorter last one (opset 18)', async () => {
    const parts = await runAll('Split', [x], { num_outputs: 3 }, 18, 3);
    expect(parts.map(list)).toEqual([[0, 1], [2, 3], [4]]);
  });
  it('split as an input (13) and as an attribute (2), zero-length parts allowed', async () => {
    expect((await runAll('Split', [x, i64([2, 0, 3])], {}, 13, 3)).map(list)).toEqual([[0, 1], [], [2, 3, 4]]);
    expect((await runAll('Split', [x], { split: [4, 1] }, 2, 2)).map(list)).toEqual([[0, 1, 2, 3], [4]]);
  });
  it('equal split before opset 18 must divide the axis', async () => {
    await expect(runAll('Split', [x], {}, 13, 2)).rejects.toThrow(/equal parts/);
  });
});

describe('Pad', () => {
  const x = f32([1, 2, 3, 4, 5]);
  it('applies every mode, and negative pads crop before the mode applies', async () => {
    const pads = i64([3, 2]);
    expect(list(await run('Pad', [x, pads], { mode: 'reflect' }))).toEqual([4, 3, 2, 1, 2, 3, 4, 5, 4, 3]);
    expect(list(await run('Pad', [x, pads], { mode: 'edge' }))).toEqual([1, 1, 1, 1, 2, 3, 4, 5, 5, 5]);
    expect(list(await run('Pad', [x, pads], { mode: 'wrap' }, 19))).toEqual([3, 4, 5, 1, 2, 3, 4, 5, 1, 2]);
    expect(list(await run('Pad', [x, pads, f32([9], [])]))).toEqual([9, 9, 9, 1, 2, 3, 4, 5, 9, 9]);
    expect(list(await run('Pad', [x, i64([-1, 2])], { mode: 'reflect' }))).toEqual([2, 3, 4, 5, 4, 3]);
    expect(list(await run('Pad', [x, i64([-2, -1])]))).toEqual([3, 4]);
  });
  it('takes pads as an attribute before opset 11 and an axes input from 18', async () => {
    expect(list(await run('Pad', [x], { pads: [1, 0], value: 7.5 }, 2))).toEqual([7.5, 1, 2, 3, 4, 5]);
    const m = f32(iota(4), [2, 2]);
    const y = await run('Pad', [m, i64([1, 0]), undefined, i64([-1])], {}, 18);
    expect(y.dims).toEqual([2, 3]);
    expect(list(y)).toEqual([0, 0, 1, 0, 2, 3]);
  });
  it('rejects wrap before opset 19 and pads that crop past the axis', async () => {
    await expect(run('Pad', [x, i64([1, 1])], { mode: 'wrap' }, 18)).rejects.toThrow(InvalidModelError);
    await expect(run('Pad', [x, i64([-4, -2])])).rejects.toThrow(InvalidInputError);
  });
  it('pads strings', async () => {
    expect(Array.from((await run('Pad', [t('string', ['a', 'b']), i64([1, 1]), t('string', ['-'], [])])).data as string[])).toEqual(['-', 'a', 'b', '-']);
  });
});

describe('TopK', () => {
  it('breaks ties by the lower index, largest or smallest', async () => {
    const x = f32([3, 1, 3, 2, 1]);
    const [v, i] = await runAll('TopK', [x, i64([3])], {}, 11, 2);
    expect(list(v)).toEqual([3, 3, 2]);
    expect(list(i)).toEqual([0, 2, 3]);
    const [v2, i2] = await runAll('TopK', [x, i64([3])], { largest: 0 }, 11, 2);
    expect(list(v2)).toEqual([1, 1, 2]);
    expect(list(i2)).toEqual([1, 4, 3]);
  });
  it('reads k from an attribute in TopK-1 and rejects k past the axis', async () => {
    const [v] = await runAll('TopK', [f32([1, 5, 2], [1, 3])], { k: 1 }, 1, 2);
    expect(list(v)).toEqual([5]);
    await expect(runAll('TopK', [f32([1, 2]), i64([3])], {}, 11, 2)).rejects.toThrow(/k = 3/);
  });
});

describe('ArgMax/ArgMin', () => {
  it('select_last_index and keepdims', async () => {
    const x = f32([1, 4, 4, 0, 0, 2], [2, 3]);
    expect(list(await run('ArgMax', [x], { axis: 1, keepdims: 0 }, 13))).toEqual([1, 2]);
    expect(list(await run('ArgMax', [x], { axis: 1, select_last_index: 1 }, 13))).toEqual([2, 2]);
    expect(list(await run('ArgMin', [x], { axis: -1, select_last_index: 1 }, 13))).toEqual([0, 1]);
    expect((await run('ArgMin', [x], { axis: 0 }, 13)).dims).toEqual([1, 3]);
  });
});

describe('Unique', () => {
  it('unsorted keeps first-occurrence order, with all four outputs', async () => {
    const [y, idx, inv, counts] = await runAll('Unique', [f32([2, 1, 1, 3, 4, 3])], { sorted: 0 }, 11, 4);
    expect(list(y)).toEqual([2, 1, 3, 4]);
    expect(list(idx)).toEqual([0, 1, 3, 4]);
    expect(list(inv)).toEqual([0, 1, 1, 2, 3, 2]);
    expect(list(counts)).toEqual([1, 2, 2, 1]);
  });
  it('sorted slices along an axis', async () => {
    const x = f32([1, 0, 1, 0, 0, 0, 1, 0, 1], [3, 3]);
    const [y, idx, inv, counts] = await runAll('Unique', [x], { axis: 1 }, 11, 4);
    expect(y.dims).toEqual([3, 2]);
    expect(list(y)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(list(idx)).toEqual([1, 0]);
    expect(list(inv)).toEqual([1, 0, 1]);
    expect(list(counts)).toEqual([1, 2]);
  });
});

describe('shape plumbing', () => {
  it('Shape with start/end (15) clamps out-of-range bounds', async () => {
    const x = f32(new Array(24).fill(0), [2, 3, 4]);
    expect(list(await run('Shape', [x], { start: -2 }, 15))).toEqual([3, 4]);
    expect(list(await run('Shape', [x], { start: -10, end: 10 }, 15))).toEqual([2, 3, 4]);
    expect(list(await run('Shape', [x], { start: 2, end: 1 }, 15))).toEqual([]);
    expect(list(await run('Shape', [x], { start: 1 }, 13))).toEqual([2, 3, 4]);
  });
  it('Squeeze/Unsqueeze take axes as attributes before 13 and share the data', async () => {
    const x = f32([1, 2, 3], [1, 3, 1]);
    expect((await run('Squeeze', [x], { axes: [0] }, 11)).dims).toEqual([3, 1]);
    expect((await run('Squeeze', [x], {}, 13)).dims).toEqual([3]);
    await expect(run('Squeeze', [x, i64([1])], {}, 13)).rejects.toThrow(/size 3/);
    const u = await run('Unsqueeze', [x, i64([-1, 0])], {}, 13);
    expect(u.dims).toEqual([1, 1, 3, 1, 1]);
    expect(u.data).toBe(x.data);
    expect((await run('Unsqueeze', [x], { axes: [1] }, 11)).dims).toEqual([1, 1, 3, 1]);
  });
  it('Concat skips an empty placeholder of another rank; Constant builds every value kind', async () => {
    const y = await run('Concat', [i64([1, 2], [1, 2]), t('int64', new BigInt64Array(0), [0]), i64([3, 4], [1, 2])], { axis: 0 }, 13);
    expect(y.dims).toEqual([2, 2]);
    expect(list(await run('Constant', [], { value_ints: [4, 5] }, 13))).toEqual([4, 5]);
    expect((await run('Constant', [], { value_float: 1.5 }, 13)).dims).toEqual([]);
    await expect(run('Constant', [], {}, 13)).rejects.toThrow(InvalidModelError);
  });
  it('Expand broadcasts both ways and Tile repeats (Tile-1 along one axis)', async () => {
    const e = await run('Expand', [f32([1, 2, 3], [3, 1]), i64([2, 1, 2])], {}, 13);
    expect(e.dims).toEqual([2, 3, 2]);
    expect(list(e)).toEqual([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3]);
    expect(list(await run('Tile', [f32([1, 2], [1, 2]), i64([2, 2])], {}, 13))).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(list(await run('Tile', [f32([1, 2], [1, 2]), i64([3], []), i64([1], [])], {}, 1))).toEqual([1, 2, 1, 2, 1, 2]);
  });
});

describe('element types', () => {
  it('moves float16 bits and strings without decoding', async () => {
    const h = t('float16', Uint16Array.of(0x3c00, 0x4000, 0x4200, 0x4400), [2, 2]);
    const y = await run('Transpose', [h], {}, 13);
    expect(y.type).toBe('float16');
    expect(list(y)).toEqual([0x3c00, 0x4200, 0x4000, 0x4400]);
    const s = t('string', ['a', 'b', 'c', 'd', 'e', 'f'], [2, 3]);
    expect((await run('Transpose', [s], {}, 13)).data).toEqual(['a', 'd', 'b', 'e', 'c', 'f']);
    expect((await run('Gather', [s, i64([2, 0])], { axis: 1 }, 13)).data).toEqual(['c', 'a', 'f', 'd']);
    expect((await run('Slice', [s, i64([-1]), i64([INT64_MIN]), i64([1]), i64([-2])], {}, 13)).data).toEqual(['c', 'a', 'f', 'd']);
  });
  it('CumSum on int64 with exclusive and reverse', async () => {
    const x = i64([1, 2, 3, 4]);
    expect(list(await run('CumSum', [x, t('int32', Int32Array.of(0), [])], { exclusive: 1, reverse: 1 }, 14))).toEqual([9, 7, 4, 0]);
    expect(list(await run('CumProd', [x, i64([0], [])], { exclusive: 1 }, 26))).toEqual([1, 1, 2, 6]);
  });
  it('Range of int64 with a negative delta, OneHot with negative indices and axis', async () => {
    expect(list(await run('Range', [i64([10], []), i64([3], []), i64([-3], [])], {}, 11))).toEqual([10, 7, 4]);
    const y = await run('OneHot', [f32([-1, 1, 5]), f32([3], []), f32([0, 1])], { axis: 0 }, 11);
    expect(y.dims).toEqual([3, 3]);
    expect(list(y)).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 0]);
  });
});

describe('other movements', () => {
  it('DepthToSpace (CRD) is undone by SpaceToDepth only in DCR mode', async () => {
    const x = f32(iota(16), [1, 4, 2, 2]);
    const dcr = await run('DepthToSpace', [x], { blocksize: 2 }, 13);
    expect(list(await run('SpaceToDepth', [dcr], { blocksize: 2 }, 13))).toEqual(iota(16));
    const crd = await run('DepthToSpace', [x], { blocksize: 2, mode: 'CRD' }, 13);
    expect(crd.dims).toEqual([1, 1, 4, 4]);
    expect(list(crd)).toEqual([0, 4, 1, 5, 8, 12, 9, 13, 2, 6, 3, 7, 10, 14, 11, 15]);
  });
  it('Trilu with negative k on a batch of non-square matrices', async () => {
    const x = f32(new Array(12).fill(1), [2, 2, 3]);
    expect(list(await run('Trilu', [x, i64([-1], [])], { upper: 0 }, 14))).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
  it('ReverseSequence with batch_axis 0 and Compress without an axis', async () => {
    const x = f32(iota(6), [2, 3]);
    expect(list(await run('ReverseSequence', [x, i64([2, 3])], { batch_axis: 0, time_axis: 1 }, 10))).toEqual([1, 0, 2, 5, 4, 3]);
    await expect(run('ReverseSequence', [x, i64([4, 1])], { batch_axis: 0, time_axis: 1 }, 10)).rejects.toThrow(/sequence_lens\[0\] = 4/);
    expect(list(await run('Compress', [x, t('bool', Uint8Array.of(0, 1, 0, 1))], {}, 11))).toEqual([1, 3]);
  });
  it('EyeLike with dtype and an off-diagonal k', async () => {
    const y = await run('EyeLike', [f32(new Array(6).fill(0), [2, 3])], { dtype: 7, k: 1 }, 22);
    expect(y.type).toBe('int64');
    expect(list(y)).toEqual([0, 1, 0, 0, 0, 1]);
  });
  it('NonZero lists coordinates column by column', async () => {
    const y = await run('NonZero', [f32([0, 1, 2, 0], [2, 2])], {}, 13);
    expect(y.dims).toEqual([2, 2]);
    expect(list(y)).toEqual([0, 1, 1, 0]);
  });
});

describe('Resize and Upsample', () => {
  const x = f32([1, 2, 3, 4], [1, 1, 2, 2]);
  it('Upsample-7 nearest repeats; Upsample-9 linear interpolates with asymmetric coordinates', async () => {
    expect(list(await run('Upsample', [x], { scales: [1, 1, 2, 1] }, 7))).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    expect(list(await run('Upsample', [f32([1, 3]), f32([2])], { mode: 'linear' }, 9))).toEqual([1, 2, 3, 3]);
  });
  it('Resize nearest modes and axes', async () => {
    const row = f32([10, 20, 30]);
    const sizes = i64([5]);
    expect(list(await run('Resize', [row, undefined, undefined, sizes], { nearest_mode: 'floor', coordinate_transformation_mode: 'asymmetric' }, 13))).toEqual([10, 10, 20, 20, 30]);
    expect(list(await run('Resize', [row, undefined, undefined, sizes], { nearest_mode: 'ceil', coordinate_transformation_mode: 'asymmetric' }, 13))).toEqual([10, 20, 30, 30, 30]);
    const y = await run('Resize', [x, undefined, f32([2])], { axes: [-1], mode: 'linear', coordinate_transformation_mode: 'align_corners' }, 18);
    expect(y.dims).toEqual([1, 1, 2, 4]);
    expect(list(y).map((v) => Math.round(v * 1000) / 1000)).toEqual([1, 1.333, 1.667, 2, 3, 3.333, 3.667, 4]);
  });
  it('needs exactly one of scales and sizes', async () => {
    await expect(run('Resize', [x, undefined, f32([1, 1, 2, 2]), i64([1, 1, 4, 4])], {}, 13)).rejects.toThrow(/exactly one/);
  });
  it('rounds and saturates integer outputs', async () => {
    const y = await run('Resize', [t('uint8', Uint8Array.of(0, 255)), undefined, undefined, i64([4])], { mode: 'cubic' }, 13);
    expect(y.type).toBe('uint8');
    expect(list(y)[0]).toBe(0);
    expect(list(y)[3]).toBe(255);
  });
});
