// com.microsoft quantized ops (ops/microsoft/): values worked out by hand for the packing and
// rounding rules, the errors bad attributes and shapes raise, and that constant block-quantized
// weights are unpacked once at session creation rather than on every run. Agreement with
// onnxruntime over many more cases is the contrib conformance suite's job.
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidModelError } from '../../data/errors.js';
import type { DataType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import type { AttributeValue, Graph, Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { KernelFn } from '../../ops/types.js';

type Attr = number | string | number[];

function attribute(v: Attr): AttributeValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) return { type: 'ints', value: v };
  return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
}

/**
 * Creates a com.microsoft op the way a session does. Inputs given in `constants` become
 * initializers of the node's graph; `null` omits an input; the rest are fed at run time.
 */
function createOp(opType: string, inputs: (Tensor | null | 'fed')[], attrs: Record<string, Attr> = {}): KernelFn {
  const names = inputs.map((v, i) => (v === null ? '' : `in${i}`));
  const node: Node = {
    name: 'n', opType, domain: MICROSOFT_DOMAIN, inputs: names, outputs: ['out'],
    attributes: new Map(Object.entries(attrs).map(([k, v]) => [k, attribute(v)])),
  };
  const initializers = new Map<string, Tensor>();
  inputs.forEach((v, i) => { if (v instanceof Tensor) initializers.set(names[i], v); });
  const graph: Graph = { name: 'g', nodes: [node], inputs: [], outputs: [], initializers, valueInfo: new Map() };
  const def = referenceOps.resolve(MICROSOFT_DOMAIN, opType, 1);
  if (!def) throw new Error(`${opType} is not registered`);
  return def.create({ node, opset: 1, graph, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
}

/** Runs a kernel made by createOp, feeding `fed` to the inputs marked 'fed' (or all, when none are constant). */
async function run(kernel: KernelFn, inputs: (Tensor | undefined)[]): Promise<Tensor> {
  const out = await kernel(inputs, { scope: { get: () => undefined, has: () => false } });
  return out[0] as Tensor;
}

async function runOp(opType: string, inputs: (Tensor | undefined)[], attrs: Record<string, Attr> = {}): Promise<Tensor> {
  return run(createOp(opType, inputs.map((v) => (v === undefined ? null : 'fed')), attrs), inputs);
}

const t = (type: DataType, values: number[], dims: number[]) => new Tensor(type, values as never, dims);
const f32 = (values: number[], dims = [values.length]) => t('float32', values, dims);
const u8 = (values: number[], dims = [values.length]) => t('uint8', values, dims);
const i8 = (values: number[], dims = [values.length]) => t('int8', values, dims);
const values = (x: Tensor) => Array.from(x.data as ArrayLike<number>);
/** A [rows, K] float32 matrix with a 1 at column `hot[r]` of row r. */
const oneHot = (K: number, hot: number[]) => f32(hot.flatMap((h) => Array.from({ length: K }, (_, k) => (k === h ? 1 : 0))), [hot.length, K]);

describe('MatMulNBits', () => {
  // K = 16 in one block of 16. Row 0 packs q = 0..15, low nibble first; row 1 is all 15.
  const B = u8([0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, ...new Array(8).fill(0xff)], [2, 1, 8]);
  const scales = f32([0.5, 0.25]);
  const attrs = { K: 16, N: 2, bits: 4, block_size: 16 };

  it('dequantizes a 4-bit block by hand: (q - 8) * scale without zero points', async () => {
    // W[0, k] = (k - 8) * 0.5, W[1, k] = (15 - 8) * 0.25 = 1.75
    const y = await runOp('MatMulNBits', [oneHot(16, [0, 15, 3]), B, scales], attrs);
    expect(y.dims).toEqual([3, 2]);
    expect(values(y)).toEqual([-4, 1.75, 3.5, 1.75, -2.5, 1.75]);
    const sum = await runOp('MatMulNBits', [f32(new Array(16).fill(1), [16]), B, scales], attrs);
    expect(sum.dims).toEqual([2]);
    expect(values(sum)).toEqual([-4, 28]);
  });

  it('reads packed zero points a row of bytes per column, and adds the bias', async () => {
    // one block per row, so each row's zero point is the low nibble of its own byte
    const y = await runOp('MatMulNBits', [oneHot(16, [0, 15]), B, scales, u8([0x03, 0x0f]), undefined, f32([10, 20])], attrs);
    expect(values(y)).toEqual([(0 - 3) * 0.5 + 10, 20, (15 - 3) * 0.5 + 10, 20]);
  });

  it('takes float zero points of the scales\' type', async () => {
    const y = await runOp('MatMulNBits', [oneHot(16, [4]), B, scales, f32([4.5, 15])], attrs);
    expect(values(y)).toEqual([(4 - 4.5) * 0.5, 0]);
  });

  it('unpacks 8-bit and 2-bit values', async () => {
    const b8 = u8([0, 128, 255, ...new Array(13).fill(128)], [1, 1, 16]);
    const y8 = await runOp('MatMulNBits', [oneHot(16, [0, 1, 2]), b8, f32([0.5])], { K: 16, N: 1, bits: 8, block_size: 16 });
    expect(values(y8)).toEqual([-64, 0, 63.5]);
    // 2-bit: four values per byte, lowest bits first; 0b11100100 holds 0, 1, 2, 3; zero point 2
    const b2 = u8([0b11100100, 0, 0, 0], [1, 1, 4]);
    const y2 = await runOp('MatMulNBits', [oneHot(16, [0, 1, 2, 3]), b2, f32([1])], { K: 16, N: 1, bits: 2, block_size: 16 });
    expect(values(y2)).toEqual([-2, -1, 0, 1]);
  });

  it('uses g_idx to pick each k\'s block, zero points included', async () => {
    // K = 32 in two blocks; g_idx sends the first 16 k to block 1 and the rest to block 0.
    // Block 0: scale 1, zero point 2; block 1: scale 2, zero point 5 (packed 0x52). Every q is 7.
    const b = u8(new Array(16).fill(0x77), [1, 2, 8]);
    const gIdx = t('int32', [...new Array(16).fill(1), ...new Array(16).fill(0)], [32]);
    const y = await runOp('MatMulNBits', [f32(new Array(32).fill(1), [1, 32]), b, f32([1, 2]), u8([0x52]), gIdx], { K: 32, N: 1, bits: 4, block_size: 16 });
    // onnxruntime 1.30 leaves packed zero points out when g_idx is given (144 is the spec's answer)
    expect(values(y)).toEqual([16 * (7 - 5) * 2 + 16 * (7 - 2) * 1]);
  });

  it('computes float16 in float32 and returns float16', async () => {
    const a16 = new Tensor('float16', Uint16Array.from([0x3c00, ...new Array(15).fill(0)]), [1, 16]); // [1, 0, ...]
    const s16 = new Tensor('float16', Uint16Array.from([0x3800, 0x3400]), [2]); // 0.5, 0.25
    const y = await runOp('MatMulNBits', [a16, B, s16], attrs);
    expect(y.type).toBe('float16');
    expect(values(y)).toEqual([0xc400, 0x3f00]); // -4, 1.75
  });

  it('dequantizes constant weights once, at create time', async () => {
    const b = new Tensor('uint8', (B.data as Uint8Array).slice(), B.dims);
    const s = f32([0.5, 0.25]);
    const kernel = createOp('MatMulNBits', ['fed', b, s], attrs);
    const a = oneHot(16, [0, 15]);
    const first = values(await run(kernel, [a, b, s]));
    // a kernel that unpacked B (or read the scales) again on this run would see these
    (b.data as Uint8Array).fill(0);
    (s.data as Float32Array).fill(100);
    expect(values(await run(kernel, [a, b, s]))).toEqual(first);

    const fedKernel = createOp('MatMulNBits', ['fed', 'fed', 'fed'], attrs);
    const fedB = new Tensor('uint8', (B.data as Uint8Array).slice(), B.dims);
    expect(values(await run(fedKernel, [a, fedB, scales]))).toEqual(first);
    (fedB.data as Uint8Array).fill(0);
    expect(values(await run(fedKernel, [a, fedB, scales]))).not.toEqual(first);
  });

  it('rejects bad attributes when the session is created', () => {
    expect(() => createOp('MatMulNBits', ['fed', 'fed', 'fed'], { ...attrs, bits: 3 })).toThrow(InvalidModelError);
    expect(() => createOp('MatMulNBits', ['fed', 'fed', 'fed'], { ...attrs, block_size: 24 })).toThrow(/power of two/);
    expect(() => createOp('MatMulNBits', ['fed', 'fed', 'fed'], { ...attrs, block_size: 8 })).toThrow(InvalidModelError);
    expect(() => createOp('MatMulNBits', ['fed', 'fed', 'fed'], { N: 2, bits: 4, block_size: 16 })).toThrow(/missing required attribute "K"/);
    // constant weights of the wrong size are the model's fault
    expect(() => createOp('MatMulNBits', ['fed', u8([1, 2, 3], [1, 1, 3]), scales], attrs)).toThrow(InvalidModelError);
  });

  it('rejects fed inputs that do not fit K, N and block_size', async () => {
    const a = oneHot(16, [0]);
    await expect(runOp('MatMulNBits', [oneHot(12, [0]), B, scales], attrs)).rejects.toThrow(InvalidInputError);
    await expect(runOp('MatMulNBits', [a, u8(new Array(8).fill(0), [1, 1, 8]), scales], attrs)).rejects.toThrow(/B of shape \[1,1,8\]/);
    await expect(runOp('MatMulNBits', [a, B, f32([1])], attrs)).rejects.toThrow(/scales/);
    await expect(runOp('MatMulNBits', [a, B, scales, u8([1])], attrs)).rejects.toThrow(/zero_points/);
    await expect(runOp('MatMulNBits', [a, B, scales, t('float16', [0, 0], [2])], attrs)).rejects.toThrow(/zero_points must be uint8/);
    const badG = t('int32', new Array(16).fill(1), [16]);
    await expect(runOp('MatMulNBits', [a, B, scales, undefined, badG], attrs)).rejects.toThrow(/g_idx\[0\] = 1/);
    await expect(runOp('MatMulNBits', [a, B, scales, undefined, undefined, f32([1])], attrs)).rejects.toThrow(/bias/);
  });
});

describe('GatherBlockQuantized', () => {
  it('gathers packed 4-bit rows and dequantizes them by hand', async () => {
    // data [2, 16] packed as [2, 8]: row 1 is 0x9a, i.e. values 10 (low nibble) then 9
    const data = u8([...new Array(8).fill(0x10), ...new Array(8).fill(0x9a)], [2, 8]);
    const y = await runOp('GatherBlockQuantized', [data, t('int64', [1, -2] as never, [2]), f32([0.5, 2], [2, 1])], { block_size: 16 });
    expect(y.dims).toEqual([2, 16]);
    const row0 = Array.from({ length: 16 }, (_, i) => ((i % 2 ? 1 : 0) - 8) * 0.5);
    const row1 = Array.from({ length: 16 }, (_, i) => ((i % 2 ? 9 : 10) - 8) * 2);
    expect(values(y)).toEqual([...row1, ...row0]);
  });

  it('takes int4 data with int4 zero points (0 when omitted), along any quantize axis', async () => {
    // data [16, 2] quantized along axis 0, gathered along axis 1
    const data = t('int4', Array.from({ length: 32 }, (_, i) => (i % 16) - 8), [16, 2]);
    const scales = f32([0.25, 1], [1, 2]);
    const y = await runOp('GatherBlockQuantized', [data, t('int32', [1], [1]), scales], { gather_axis: 1, quantize_axis: 0, block_size: 16 });
    expect(y.dims).toEqual([16, 1]);
    expect(values(y)).toEqual(Array.from({ length: 16 }, (_, r) => ((2 * r + 1) % 16) - 8));
    const zp = t('int4', [0, -8], [1, 2]);
    const y2 = await runOp('GatherBlockQuantized', [data, t('int32', [1], [1]), scales, zp], { gather_axis: 1, quantize_axis: 0, block_size: 16 });
    expect(values(y2)).toEqual(Array.from({ length: 16 }, (_, r) => ((2 * r + 1) % 16)));
  });

  it('rejects indices out of range, mismatched scales and bad block sizes', async () => {
    const data = u8(new Array(16).fill(0), [2, 8]);
    await expect(runOp('GatherBlockQuantized', [data, t('int64', [2] as never, [1]), f32([1, 1], [2, 1])], { block_size: 16 })).rejects.toThrow(/out of range/);
    await expect(runOp('GatherBlockQuantized', [data, t('int64', [0] as never, [1]), f32([1, 1], [1, 2])], { block_size: 16 })).rejects.toThrow(InvalidInputError);
    await expect(runOp('GatherBlockQuantized', [data, t('int64', [0] as never, [1]), f32([1, 1], [2, 1]), u8([0, 0, 0, 0], [2, 2])], { block_size: 16 })).rejects.toThrow(/zero_points/);
    expect(() => createOp('GatherBlockQuantized', ['fed', 'fed', 'fed'], { block_size: 10 })).toThrow(InvalidModelError);
    await expect(runOp('GatherBlockQuantized', [data, t('int64', [0] as never, [1]), f32([1, 1], [2, 1])], { block_size: 16, gather_axis: 1, quantize_axis: 0 })).rejects.toThrow(/last axis/);
  });
});

describe('MatMulBnb4', () => {
  it('looks up FP4 and NF4 codes, high nibble first, scaled by each block\'s absmax', async () => {
    // W [1, 16]: codes 0x3b -> 3, 11; FP4 3 = 1.0, 11 = -1.0; NF4 3 = -0.39491748809814453, 11 = 0.33791524171829224
    const b = u8(new Array(8).fill(0x3b));
    const a = oneHot(16, [0, 1]);
    const fp4 = await runOp('MatMulBnb4', [a, b, f32([2])], { K: 16, N: 1, block_size: 16, quant_type: 0 });
    expect(values(fp4)).toEqual([2, -2]);
    const nf4 = await runOp('MatMulBnb4', [a, b, f32([2])], { K: 16, N: 1, block_size: 16, quant_type: 1 });
    expect(values(nf4)).toEqual([Math.fround(-0.39491748809814453) * 2, Math.fround(0.33791524171829224) * 2]);
  });

  it('rejects an unknown quant_type and weights of the wrong size', async () => {
    expect(() => createOp('MatMulBnb4', ['fed', 'fed', 'fed'], { K: 16, N: 1, block_size: 16, quant_type: 2 })).toThrow(InvalidModelError);
    await expect(runOp('MatMulBnb4', [oneHot(16, [0]), u8([0]), f32([1])], { K: 16, N: 1, block_size: 16, quant_type: 0 })).rejects.toThrow(/B must be uint8 holding 8 bytes/);
  });
});

describe('DynamicQuantizeMatMul / MatMulIntegerToFloat', () => {
  it('quantizes A from its range and scales the integer product back', async () => {
    // A's range [0, 2.55] gives scale 0.01 and zero point 0, so A quantizes to [0, 255]
    const y = await runOp('DynamicQuantizeMatMul', [f32([0, 2.55], [1, 2]), u8([1, 2], [2, 1]), f32([1])]);
    expect(values(y)[0]).toBeCloseTo(5.1, 5);
  });

  it('applies per-column b scales and zero points, then the bias', async () => {
    // (A - 1) @ (B - [0, 10]) * 0.5 * [1, 2] + [100, 200]
    const y = await runOp('MatMulIntegerToFloat', [
      u8([3, 5], [1, 2]), u8([1, 12, 2, 14], [2, 2]), f32([0.5], []), f32([1, 2], [2]), u8([1], []), u8([0, 10], [2]), f32([100, 200]),
    ]);
    expect(values(y)).toEqual([(2 * 1 + 4 * 2) * 0.5 + 100, (2 * 2 + 4 * 4) * 0.5 * 2 + 200]);
  });

  it('rejects a b_zero_point that is neither per tensor nor per column', async () => {
    await expect(runOp('MatMulIntegerToFloat', [u8([1, 1], [1, 2]), u8([1, 1, 1, 1], [2, 2]), f32([1]), f32([1]), undefined, u8([1, 1, 1], [3])])).rejects.toThrow(InvalidInputError);
  });
});

describe('QLinear ops', () => {
  const one = f32([1], []);
  it('QLinearAdd rounds half to even and saturates', async () => {
    // C = round(0.5 * A): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2
    const y = await runOp('QLinearAdd', [u8([1, 2, 3, 4, 5]), f32([0.5], []), u8([0], []), u8([0]), one, u8([0], []), one, u8([0], [])]);
    expect(values(y)).toEqual([0, 1, 2, 2, 2]);
    const big = await runOp('QLinearAdd', [u8([250, 10]), one, undefined, u8([250]), one, undefined, one, undefined]);
    expect(values(big)).toEqual([255, 255]);
    const low = await runOp('QLinearAdd', [i8([-100, 20], [2]), one, undefined, i8([-100]), one, undefined, one, undefined]);
    expect(values(low)).toEqual([-128, -80]);
  });

  it('QLinearMul multiplies dequantized values', async () => {
    // (A - 2) * 0.5 * (B - 1) * 0.25 / 0.125 + 3
    const y = await runOp('QLinearMul', [u8([6, 10], [2, 1]), f32([0.5], []), u8([2], []), u8([3, 5, 9], [1, 3]), f32([0.25], []), u8([1], []), f32([0.125], []), u8([3], [])]);
    expect(y.dims).toEqual([2, 3]);
    expect(values(y)).toEqual([11, 19, 35, 19, 35, 67]);
  });

  it('QLinearLeakyRelu indexes its table by the raw int8 byte', async () => {
    const s = f32([0.1], []);
    const y = await runOp('QLinearLeakyRelu', [i8([-10, 10, -128, 127]), s, i8([0], []), s, i8([0], [])], { alpha: 0.5 });
    expect(values(y)).toEqual([-5, 10, -64, 127]);
  });

  it('QLinearSoftmax splits a row of equal values evenly', async () => {
    const y = await runOp('QLinearSoftmax', [u8([7, 7, 0, 0], [2, 2]), f32([0.1], []), undefined, f32([1 / 256], []), u8([0], [])], { opset: 13 });
    expect(values(y)).toEqual([128, 128, 128, 128]);
    expect(() => createOp('QLinearSoftmax', ['fed', 'fed', null, 'fed', 'fed'])).toThrow(/opset/);
  });

  it('QLinearAveragePool divides by the window inside the image, or the kernel with count_include_pad', async () => {
    const x = u8([4, 8, 12, 16], [1, 1, 2, 2]);
    const inputs = [x, one, u8([0], []), one, u8([0], [])];
    const attrs = { kernel_shape: [2, 2], pads: [0, 0, 1, 1] };
    expect(values(await runOp('QLinearAveragePool', inputs, attrs))).toEqual([10, 12, 14, 16]);
    expect(values(await runOp('QLinearAveragePool', inputs, { ...attrs, count_include_pad: 1 }))).toEqual([10, 6, 7, 4]);
  });

  it('QLinearGlobalAveragePool averages channels first or last', async () => {
    const x = u8([1, 10, 3, 20, 5, 30], [1, 3, 2]); // NWC: channel 0 = 1, 3, 5; channel 1 = 10, 20, 30
    const inputs = [x, one, u8([0], []), one, u8([0], [])];
    expect(values(await runOp('QLinearGlobalAveragePool', inputs, { channels_last: 1 }))).toEqual([3, 20]);
    expect(values(await runOp('QLinearGlobalAveragePool', inputs))).toEqual([6, 12, 18]);
  });

  it('QLinearConcat and QLinearWhere requantize to the output\'s parameters', async () => {
    const half = f32([0.5], []);
    const y = await runOp('QLinearConcat', [one, u8([0], []), u8([4, 6]), half, u8([0], []), u8([1]), one, u8([0], [])], { axis: 0 });
    expect(values(y)).toEqual([2, 3, 1]);
    const z = await runOp('QLinearWhere', [t('bool', [1, 0], [2]), u8([4, 4]), half, u8([0], []), u8([9]), one, u8([1], []), one, u8([0], [])]);
    expect(values(z)).toEqual([2, 8]);
  });

  it('rejects per-channel parameters, mixed types and a malformed input list', async () => {
    await expect(runOp('QLinearAdd', [u8([1, 2]), f32([1, 1], [2]), undefined, u8([1, 2]), one, undefined, one, undefined])).rejects.toThrow(/A_scale must be a scalar/);
    await expect(runOp('QLinearAdd', [u8([1]), one, undefined, i8([1]), one, undefined, one, undefined])).rejects.toThrow(/B must be uint8/);
    await expect(runOp('QLinearSigmoid', [t('int32', [1], [1]), one, undefined, one, undefined])).rejects.toThrow(/uint8 or int8/);
    expect(() => createOp('QLinearConcat', ['fed', 'fed', 'fed', 'fed'], { axis: 0 })).toThrow(InvalidModelError);
  });
});
