// Contrib conformance cases for the com.microsoft quantized ops: see contrib-case.ts and
// scripts/make-contrib-cases.ts. Weights are random bytes (every byte is a valid packed
// value), scales small positive floats, so each case exercises the unpacking, not a quantizer.
import { Tensor } from '../../data/tensor.js';
import type { ContribCase } from './contrib-case.js';
import { SeededRandom } from './seeded-random.js';
import { type NodeInput, singleNodeCase } from './single-node.js';

const rng = new SeededRandom(1313);

type FloatType = 'float32' | 'float16';

interface NBitsSpec {
  name: string;
  M: number[];
  K: number;
  N: number;
  bits: number;
  blockSize: number;
  type?: FloatType;
  zeroPoints?: 'packed' | 'float';
  gIdx?: boolean;
  bias?: boolean;
  /** Weights fed at run time instead of initializers. */
  fedWeights?: boolean;
}

function matmulNBitsCase(s: NBitsSpec): ContribCase {
  const type = s.type ?? 'float32';
  const kBlocks = Math.ceil(s.K / s.blockSize);
  const blob = (s.blockSize * s.bits) / 8;
  const constant = !s.fedWeights;
  const zpBytes = Math.ceil((kBlocks * s.bits) / 8);
  const inputs: (NodeInput | null)[] = [
    { name: 'A', value: rng.floats(type, [...s.M, s.K]) },
    { name: 'B', value: rng.bytes('uint8', [s.N, kBlocks, blob], 0, 255), constant },
    { name: 'scales', value: rng.floats(type, [s.N * kBlocks], 0.01, 0.1), constant },
    s.zeroPoints === 'packed' ? { name: 'zero_points', value: rng.bytes('uint8', [s.N * zpBytes], 0, 255), constant }
      : s.zeroPoints === 'float' ? { name: 'zero_points', value: rng.floats(type, [s.N * kBlocks], 0, 2 ** s.bits - 1), constant }
        : null,
    s.gIdx ? { name: 'g_idx', value: new Tensor('int32', Int32Array.from({ length: s.K }, () => rng.int(0, kBlocks - 1)), [s.K]), constant } : null,
    s.bias ? { name: 'bias', value: rng.floats(type, [s.N]), constant } : null,
  ];
  return singleNodeCase({
    name: s.name, op: 'MatMulNBits', inputs,
    outputs: [{ name: 'Y', type }],
    attributes: { K: s.K, N: s.N, bits: s.bits, block_size: s.blockSize },
  });
}

const matmulNBits: ContribCase[] = [
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_float32', M: [3], K: 64, N: 8, bits: 4, blockSize: 32 }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_zero_points', M: [2], K: 64, N: 8, bits: 4, blockSize: 16, zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_odd_blocks_zero_points', M: [2], K: 80, N: 5, bits: 4, blockSize: 16, zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_k_remainder', M: [2, 3], K: 72, N: 12, bits: 4, blockSize: 32, zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_block128', M: [2], K: 128, N: 6, bits: 4, blockSize: 128, bias: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_float_zero_points', M: [2], K: 64, N: 8, bits: 4, blockSize: 32, zeroPoints: 'float' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_g_idx', M: [2], K: 64, N: 8, bits: 4, blockSize: 16, gIdx: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_g_idx_float_zero_points', M: [2], K: 64, N: 8, bits: 4, blockSize: 16, gIdx: true, zeroPoints: 'float' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_g_idx_bias_k_remainder', M: [3], K: 40, N: 6, bits: 4, blockSize: 16, gIdx: true, bias: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_bias', M: [1, 4], K: 32, N: 16, bits: 4, blockSize: 16, bias: true, zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_fed_weights', M: [3], K: 48, N: 7, bits: 4, blockSize: 16, zeroPoints: 'packed', bias: true, fedWeights: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_float16', M: [3], K: 64, N: 8, bits: 4, blockSize: 32, type: 'float16' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_float16_zero_points_bias', M: [2], K: 96, N: 8, bits: 4, blockSize: 64, type: 'float16', zeroPoints: 'packed', bias: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_float16_float_zero_points', M: [2], K: 64, N: 4, bits: 4, blockSize: 32, type: 'float16', zeroPoints: 'float' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_float16_g_idx', M: [2], K: 64, N: 4, bits: 4, blockSize: 16, type: 'float16', gIdx: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_8bit_float32', M: [3], K: 64, N: 8, bits: 8, blockSize: 32 }),
  matmulNBitsCase({ name: 'test_matmulnbits_8bit_zero_points', M: [2], K: 48, N: 6, bits: 8, blockSize: 16, zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_8bit_k_remainder_bias', M: [2], K: 40, N: 9, bits: 8, blockSize: 32, zeroPoints: 'packed', bias: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_8bit_float16', M: [2], K: 64, N: 8, bits: 8, blockSize: 64, type: 'float16', zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_8bit_float_zero_points', M: [2], K: 64, N: 4, bits: 8, blockSize: 32, zeroPoints: 'float' }),
  matmulNBitsCase({ name: 'test_matmulnbits_8bit_g_idx', M: [2], K: 64, N: 4, bits: 8, blockSize: 16, gIdx: true }),
  matmulNBitsCase({ name: 'test_matmulnbits_2bit_zero_points', M: [2], K: 64, N: 8, bits: 2, blockSize: 32, zeroPoints: 'packed' }),
  matmulNBitsCase({ name: 'test_matmulnbits_4bit_a_vector', M: [], K: 32, N: 8, bits: 4, blockSize: 32, zeroPoints: 'packed' }),
];


/** A tensor of small integers of any of the 4-bit or 8-bit types (one value per element). */
function ints(type: 'int4' | 'uint4' | 'uint8' | 'int8', dims: number[]): Tensor {
  const [lo, hi] = { int4: [-8, 7], uint4: [0, 15], uint8: [0, 255], int8: [-128, 127] }[type];
  const values = Array.from({ length: dims.reduce((p, d) => p * d, 1) }, () => rng.int(lo, hi));
  return new Tensor(type, type === 'int4' || type === 'int8' ? Int8Array.from(values) : Uint8Array.from(values), dims);
}

interface GatherSpec {
  name: string;
  /** Logical shape of data (packed uint8 holds 8/bits values per byte of the last axis). */
  dims: number[];
  dataType: 'uint8' | 'int4' | 'uint4';
  bits?: number;
  gatherAxis?: number;
  quantizeAxis?: number;
  blockSize: number;
  indices: Tensor;
  zeroPoints?: boolean;
  scaleType?: FloatType;
  constantData?: boolean;
}

function gatherBlockQuantizedCase(s: GatherSpec): ContribCase {
  const bits = s.bits ?? 4;
  const rank = s.dims.length;
  const qAxis = ((s.quantizeAxis ?? 1) + rank) % rank;
  const perByte = s.dataType === 'uint8' ? 8 / bits : 1;
  const dataDims = s.dims.map((d, i) => (i === rank - 1 ? d / perByte : d));
  const scaleDims = s.dims.map((d, i) => (i === qAxis ? Math.ceil(d / s.blockSize) : d));
  const zpDims = scaleDims.map((d, i) => (i === qAxis ? Math.ceil(d / perByte) : d));
  const attributes: Record<string, number> = { block_size: s.blockSize };
  if (s.bits !== undefined) attributes.bits = s.bits;
  if (s.gatherAxis !== undefined) attributes.gather_axis = s.gatherAxis;
  if (s.quantizeAxis !== undefined) attributes.quantize_axis = s.quantizeAxis;
  return singleNodeCase({
    name: s.name, op: 'GatherBlockQuantized', attributes,
    inputs: [
      { name: 'data', value: ints(s.dataType, dataDims), constant: s.constantData ?? true },
      { name: 'indices', value: s.indices },
      { name: 'scales', value: rng.floats(s.scaleType ?? 'float32', scaleDims, 0.01, 0.2), constant: true },
      s.zeroPoints ? { name: 'zero_points', value: ints(s.dataType, zpDims), constant: true } : null,
    ],
    outputs: [{ name: 'output', type: s.scaleType ?? 'float32' }],
  });
}

const int64s = (values: number[], dims = [values.length]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
const int32s = (values: number[], dims = [values.length]) => new Tensor('int32', Int32Array.from(values), dims);

const gatherBlockQuantized: ContribCase[] = [
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_4bit', dims: [10, 32], dataType: 'uint8', blockSize: 16, indices: int64s([3, 0, 9, 3]) }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_4bit_zero_points', dims: [8, 48], dataType: 'uint8', blockSize: 16, indices: int64s([1, 7, -1, 2, 5, 0], [2, 3]), zeroPoints: true }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_4bit_float16', dims: [6, 64], dataType: 'uint8', blockSize: 32, indices: int32s([5, 2]), zeroPoints: true, scaleType: 'float16' }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_8bit', dims: [6, 40], dataType: 'uint8', bits: 8, blockSize: 16, indices: int32s([4, 1, 1]), zeroPoints: true }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_8bit_no_zero_points', dims: [5, 32], dataType: 'uint8', bits: 8, blockSize: 32, indices: int64s([0, 4]) }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_2bit', dims: [4, 64], dataType: 'uint8', bits: 2, blockSize: 16, indices: int64s([3, 1]), zeroPoints: true }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_rank3', dims: [5, 3, 32], dataType: 'uint8', quantizeAxis: 2, blockSize: 16, indices: int64s([4, 0]), zeroPoints: true }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_int4', dims: [8, 32], dataType: 'int4', blockSize: 16, indices: int64s([2, 6, 7]) }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_int4_zero_points', dims: [8, 40], dataType: 'int4', blockSize: 16, indices: int64s([0, -3]), zeroPoints: true }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint4_quantize_axis_0', dims: [32, 6], dataType: 'uint4', gatherAxis: 1, quantizeAxis: 0, blockSize: 16, indices: int64s([5, 0, 2]), zeroPoints: true }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint4_rank3_gather_axis_1', dims: [2, 5, 32], dataType: 'uint4', gatherAxis: 1, quantizeAxis: 2, blockSize: 16, indices: int32s([4, 1]), zeroPoints: true, scaleType: 'float16' }),
  gatherBlockQuantizedCase({ name: 'test_gatherblockquantized_uint8_fed_data', dims: [6, 32], dataType: 'uint8', blockSize: 16, indices: int64s([1, 5]), zeroPoints: true, constantData: false }),
];


interface IntegerMatMulSpec {
  name: string;
  a: number[];
  b: number[];
  aType?: 'uint8' | 'int8';
  bType: 'uint8' | 'int8';
  aZeroPoint?: boolean;
  bZeroPoint?: 'tensor' | 'column';
  bScale?: 'tensor' | 'column';
  bias?: boolean;
}

/** b_scale / b_zero_point per tensor, or per column with B's batch dims and K set to 1. */
function bParamDims(b: number[], per: 'tensor' | 'column'): number[] {
  if (per === 'tensor') return [];
  return b.length === 2 ? [b[1]] : [...b.slice(0, -2), 1, b[b.length - 1]];
}

function dynamicQuantizeMatMulCase(s: IntegerMatMulSpec): ContribCase {
  const N = s.b[s.b.length - 1];
  return singleNodeCase({
    name: s.name, op: 'DynamicQuantizeMatMul',
    inputs: [
      { name: 'A', value: rng.float32(s.a, -2, 3) },
      { name: 'B', value: ints(s.bType, s.b), constant: true },
      { name: 'b_scale', value: rng.float32(bParamDims(s.b, s.bScale ?? 'tensor'), 0.01, 0.05), constant: true },
      s.bZeroPoint ? { name: 'b_zero_point', value: ints(s.bType, bParamDims(s.b, s.bZeroPoint)), constant: true } : null,
      s.bias ? { name: 'bias', value: rng.float32([N]), constant: true } : null,
    ],
    outputs: [{ name: 'Y', type: 'float32' }],
  });
}

function matMulIntegerToFloatCase(s: IntegerMatMulSpec): ContribCase {
  const N = s.b[s.b.length - 1];
  const aType = s.aType ?? 'uint8';
  return singleNodeCase({
    name: s.name, op: 'MatMulIntegerToFloat',
    inputs: [
      { name: 'A', value: ints(aType, s.a) },
      { name: 'B', value: ints(s.bType, s.b), constant: true },
      { name: 'a_scale', value: rng.float32([], 0.01, 0.05), constant: true },
      { name: 'b_scale', value: rng.float32(bParamDims(s.b, s.bScale ?? 'tensor'), 0.01, 0.05), constant: true },
      s.aZeroPoint ? { name: 'a_zero_point', value: ints(aType, []), constant: true } : null,
      s.bZeroPoint ? { name: 'b_zero_point', value: ints(s.bType, bParamDims(s.b, s.bZeroPoint)), constant: true } : null,
      s.bias ? { name: 'bias', value: rng.float32([N]), constant: true } : null,
    ],
    outputs: [{ name: 'Y', type: 'float32' }],
  });
}

const integerMatMuls: ContribCase[] = [
  dynamicQuantizeMatMulCase({ name: 'test_dynamicquantizematmul_uint8', a: [3, 16], b: [16, 8], bType: 'uint8' }),
  dynamicQuantizeMatMulCase({ name: 'test_dynamicquantizematmul_int8_zero_point_bias', a: [4, 24], b: [24, 6], bType: 'int8', bZeroPoint: 'tensor', bias: true }),
  dynamicQuantizeMatMulCase({ name: 'test_dynamicquantizematmul_uint8_per_column', a: [2, 32], b: [32, 8], bType: 'uint8', bScale: 'column', bZeroPoint: 'column', bias: true }),
  dynamicQuantizeMatMulCase({ name: 'test_dynamicquantizematmul_int8_per_column', a: [3, 16], b: [16, 5], bType: 'int8', bScale: 'column', bZeroPoint: 'column' }),
  dynamicQuantizeMatMulCase({ name: 'test_dynamicquantizematmul_batched_a', a: [2, 3, 16], b: [16, 4], bType: 'uint8', bZeroPoint: 'tensor', bias: true }),
  dynamicQuantizeMatMulCase({ name: 'test_dynamicquantizematmul_batched_b_per_column', a: [2, 3, 16], b: [2, 16, 4], bType: 'int8', bScale: 'column', bZeroPoint: 'column' }),
  matMulIntegerToFloatCase({ name: 'test_matmulintegertofloat_uint8_uint8', a: [3, 16], b: [16, 8], bType: 'uint8', aZeroPoint: true, bZeroPoint: 'tensor' }),
  matMulIntegerToFloatCase({ name: 'test_matmulintegertofloat_uint8_int8_bias', a: [4, 32], b: [32, 6], bType: 'int8', aZeroPoint: true, bZeroPoint: 'tensor', bias: true }),
  matMulIntegerToFloatCase({ name: 'test_matmulintegertofloat_no_zero_points', a: [2, 16], b: [16, 4], bType: 'uint8' }),
  matMulIntegerToFloatCase({ name: 'test_matmulintegertofloat_per_column', a: [3, 16], b: [16, 8], bType: 'int8', aZeroPoint: true, bScale: 'column', bZeroPoint: 'column', bias: true }),
  matMulIntegerToFloatCase({ name: 'test_matmulintegertofloat_batched', a: [2, 3, 16], b: [2, 16, 4], bType: 'uint8', aZeroPoint: true, bScale: 'column', bZeroPoint: 'column' }),
  matMulIntegerToFloatCase({ name: 'test_matmulintegertofloat_int8_int8', a: [3, 16], b: [16, 4], aType: 'int8', bType: 'int8', aZeroPoint: true, bZeroPoint: 'tensor', bias: true }),
];


type QType = 'uint8' | 'int8';

/** A scale and zero point for a quantized tensor (as initializers, the usual QOperator form). */
function quantParams(prefix: string, type: QType, scaleLo = 0.01, scaleHi = 0.1, withZero = true): (NodeInput | null)[] {
  const [lo, hi] = type === 'uint8' ? [64, 192] : [-40, 40];
  return [
    { name: `${prefix}_scale`, value: rng.float32([], scaleLo, scaleHi), constant: true },
    withZero ? { name: `${prefix}_zero_point`, value: rng.bytes(type, [], lo, hi), constant: true } : null,
  ];
}

/** `outputZero` false omits C_zero_point (onnxruntime's type inference refuses the others omitted). */
function qlinearBinaryCase(op: 'QLinearAdd' | 'QLinearMul', name: string, type: QType, aDims: number[], bDims: number[], outputZero = true): ContribCase {
  return singleNodeCase({
    name, op,
    inputs: [
      { name: 'A', value: ints(type, aDims) }, ...quantParams('A', type),
      { name: 'B', value: ints(type, bDims) }, ...quantParams('B', type),
      ...quantParams('C', type, op === 'QLinearMul' ? 0.05 : 0.02, op === 'QLinearMul' ? 0.4 : 0.2, outputZero),
    ],
    outputs: [{ name: 'C', type }],
  });
}

function qlinearUnaryCase(op: string, name: string, type: QType, dims: number[], attributes: Record<string, number> = {}, fedParams = false): ContribCase {
  const params = (prefix: string, lo: number, hi: number) => quantParams(prefix, type, lo, hi).map((p) => (p && fedParams ? { ...p, constant: false } : p));
  return singleNodeCase({
    name, op, attributes,
    inputs: [{ name: 'X', value: ints(type, dims) }, ...params('X', 0.02, 0.1), ...params('Y', 0.003, 0.02)],
    outputs: [{ name: 'Y', type }],
  });
}

function qlinearConcatCase(name: string, type: QType, dims: number[][], axis: number, sameAsY: number[] = []): ContribCase {
  const y = quantParams('Y', type);
  const inputs: (NodeInput | null)[] = [...y];
  dims.forEach((d, i) => {
    inputs.push({ name: `X${i}`, value: ints(type, d) });
    if (sameAsY.includes(i)) inputs.push({ ...y[0]!, name: `X${i}_scale` }, { ...y[1]!, name: `X${i}_zero_point` });
    else inputs.push(...quantParams(`X${i}`, type));
  });
  return singleNodeCase({ name, op: 'QLinearConcat', inputs, attributes: { axis }, outputs: [{ name: 'Y', type }] });
}

function qlinearPoolCase(op: string, name: string, type: QType, dims: number[], attributes: Record<string, number | number[] | string>): ContribCase {
  return singleNodeCase({
    name, op, attributes,
    inputs: [{ name: 'X', value: ints(type, dims) }, ...quantParams('x', type, 0.02, 0.1), ...quantParams('y', type, 0.01, 0.05)],
    outputs: [{ name: 'Y', type }],
  });
}

function qlinearSoftmaxCase(name: string, type: QType, dims: number[], attributes: Record<string, number>): ContribCase {
  return singleNodeCase({
    name, op: 'QLinearSoftmax', attributes,
    inputs: [
      { name: 'X', value: ints(type, dims) }, ...quantParams('X', type, 0.02, 0.2),
      { name: 'Y_scale', value: new Tensor('float32', [1 / 256], []), constant: true },
      { name: 'Y_zero_point', value: new Tensor(type, [type === 'uint8' ? 0 : -128], []), constant: true },
    ],
    outputs: [{ name: 'Y', type }],
  });
}

function qlinearWhereCase(name: string, type: QType, cond: number[], x: number[], y: number[], xSameAsZ = false): ContribCase {
  const z = quantParams('z', type);
  const condition = new Tensor('bool', Uint8Array.from({ length: cond.reduce((p, d) => p * d, 1) }, () => rng.int(0, 1)), cond);
  return singleNodeCase({
    name, op: 'QLinearWhere',
    inputs: [
      { name: 'condition', value: condition },
      { name: 'X', value: ints(type, x) }, ...(xSameAsZ ? [{ ...z[0]!, name: 'x_scale' }, { ...z[1]!, name: 'x_zero_point' }] : quantParams('x', type)),
      { name: 'Y', value: ints(type, y) }, ...quantParams('y', type),
      ...z,
    ],
    outputs: [{ name: 'Z', type }],
  });
}

const qlinear: ContribCase[] = [
  qlinearBinaryCase('QLinearAdd', 'test_qlinearadd_uint8', 'uint8', [2, 3, 8], [2, 3, 8]),
  qlinearBinaryCase('QLinearAdd', 'test_qlinearadd_int8', 'int8', [3, 40], [3, 40]),
  qlinearBinaryCase('QLinearAdd', 'test_qlinearadd_uint8_broadcast', 'uint8', [2, 3, 5], [5]),
  qlinearBinaryCase('QLinearAdd', 'test_qlinearadd_int8_broadcast_column', 'int8', [2, 3, 1], [2, 3, 7]),
  qlinearBinaryCase('QLinearAdd', 'test_qlinearadd_uint8_scalar', 'uint8', [], [4, 9]),
  qlinearBinaryCase('QLinearAdd', 'test_qlinearadd_int8_no_output_zero_point', 'int8', [16], [16], false),
  qlinearBinaryCase('QLinearMul', 'test_qlinearmul_uint8', 'uint8', [2, 3, 8], [2, 3, 8]),
  qlinearBinaryCase('QLinearMul', 'test_qlinearmul_int8', 'int8', [3, 40], [3, 40]),
  qlinearBinaryCase('QLinearMul', 'test_qlinearmul_uint8_broadcast', 'uint8', [4, 1, 6], [3, 1]),
  qlinearBinaryCase('QLinearMul', 'test_qlinearmul_int8_scalar', 'int8', [5, 7], []),
  qlinearBinaryCase('QLinearMul', 'test_qlinearmul_int8_no_output_zero_point', 'int8', [20], [20], false),
  qlinearConcatCase('test_qlinearconcat_uint8', 'uint8', [[2, 3, 4], [2, 5, 4]], 1),
  qlinearConcatCase('test_qlinearconcat_int8_three_inputs', 'int8', [[3, 2], [3, 4], [3, 1]], -1),
  qlinearConcatCase('test_qlinearconcat_uint8_copy_input', 'uint8', [[2, 4], [3, 4]], 0, [0]),
  qlinearUnaryCase('QLinearSigmoid', 'test_qlinearsigmoid_uint8', 'uint8', [4, 16]),
  qlinearUnaryCase('QLinearSigmoid', 'test_qlinearsigmoid_int8', 'int8', [2, 3, 10]),
  qlinearUnaryCase('QLinearSigmoid', 'test_qlinearsigmoid_uint8_fed_params', 'uint8', [40], {}, true),
  qlinearUnaryCase('QLinearLeakyRelu', 'test_qlinearleakyrelu_uint8', 'uint8', [4, 16]),
  qlinearUnaryCase('QLinearLeakyRelu', 'test_qlinearleakyrelu_int8_alpha', 'int8', [3, 20], { alpha: 0.2 }),
  qlinearUnaryCase('QLinearLeakyRelu', 'test_qlinearleakyrelu_int8_fed_params', 'int8', [30], { alpha: 0.05 }, true),
  qlinearSoftmaxCase('test_qlinearsoftmax_uint8', 'uint8', [3, 10], { opset: 13 }),
  qlinearSoftmaxCase('test_qlinearsoftmax_int8', 'int8', [2, 12], { opset: 13 }),
  qlinearSoftmaxCase('test_qlinearsoftmax_uint8_axis_1', 'uint8', [2, 6, 3], { opset: 13, axis: 1 }),
  qlinearSoftmaxCase('test_qlinearsoftmax_int8_opset12', 'int8', [2, 3, 4], { opset: 12, axis: 1 }),
  qlinearSoftmaxCase('test_qlinearsoftmax_uint8_opset12_default_axis', 'uint8', [2, 3, 4], { opset: 12 }),
  qlinearWhereCase('test_qlinearwhere_uint8', 'uint8', [3, 4], [3, 4], [3, 4]),
  qlinearWhereCase('test_qlinearwhere_int8_broadcast', 'int8', [2, 1, 4], [3, 1], [4]),
  qlinearWhereCase('test_qlinearwhere_uint8_x_copied', 'uint8', [6], [6], [1], true),
  qlinearPoolCase('QLinearGlobalAveragePool', 'test_qlinearglobalaveragepool_uint8', 'uint8', [2, 3, 4, 5], {}),
  qlinearPoolCase('QLinearGlobalAveragePool', 'test_qlinearglobalaveragepool_int8', 'int8', [1, 4, 3, 3], {}),
  qlinearPoolCase('QLinearGlobalAveragePool', 'test_qlinearglobalaveragepool_uint8_channels_last', 'uint8', [2, 4, 5, 3], { channels_last: 1 }),
  qlinearPoolCase('QLinearGlobalAveragePool', 'test_qlinearglobalaveragepool_int8_channels_last', 'int8', [1, 3, 3, 10], { channels_last: 1 }),
  qlinearPoolCase('QLinearGlobalAveragePool', 'test_qlinearglobalaveragepool_uint8_1d', 'uint8', [2, 3, 7], {}),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_2d', 'uint8', [1, 2, 5, 5], { kernel_shape: [2, 2] }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_int8_strides_pads', 'int8', [1, 3, 6, 5], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_count_include_pad', 'uint8', [1, 2, 5, 5], { kernel_shape: [3, 3], pads: [1, 1, 1, 1], count_include_pad: 1 }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_ceil_mode', 'uint8', [1, 2, 6, 6], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_int8_same_upper', 'int8', [1, 2, 5, 6], { kernel_shape: [3, 2], strides: [2, 2], auto_pad: 'SAME_UPPER' }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_same_lower', 'uint8', [1, 2, 5, 5], { kernel_shape: [2, 2], auto_pad: 'SAME_LOWER' }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_valid', 'uint8', [1, 2, 7, 5], { kernel_shape: [3, 2], strides: [2, 1], auto_pad: 'VALID' }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_channels_last', 'uint8', [1, 5, 5, 3], { kernel_shape: [2, 3], strides: [1, 2], pads: [0, 1, 1, 0], channels_last: 1 }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_int8_1d', 'int8', [2, 3, 9], { kernel_shape: [3], strides: [2] }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_3d', 'uint8', [1, 2, 4, 4, 3], { kernel_shape: [2, 2, 2], strides: [2, 2, 1] }),
  qlinearPoolCase('QLinearAveragePool', 'test_qlinearaveragepool_uint8_global_window', 'uint8', [2, 3, 4, 4], { kernel_shape: [4, 4] }),
];

function matMulBnb4Case(name: string, quantType: number, M: number[], K: number, N: number, blockSize: number, fed = false): ContribCase {
  const count = N * K;
  return singleNodeCase({
    name, op: 'MatMulBnb4', attributes: { K, N, block_size: blockSize, quant_type: quantType },
    inputs: [
      { name: 'A', value: rng.float32([...M, K]) },
      { name: 'B', value: rng.bytes('uint8', [Math.ceil(count / 2)], 0, 255), constant: !fed },
      { name: 'absmax', value: rng.float32([Math.ceil(count / blockSize)], 0.05, 0.5), constant: !fed },
    ],
    outputs: [{ name: 'Y', type: 'float32' }],
  });
}

const matMulBnb4: ContribCase[] = [
  matMulBnb4Case('test_matmulbnb4_fp4', 0, [3], 32, 8, 16),
  matMulBnb4Case('test_matmulbnb4_nf4', 1, [3], 32, 8, 16),
  matMulBnb4Case('test_matmulbnb4_nf4_batched_partial_block', 1, [2, 2], 24, 5, 64),
  matMulBnb4Case('test_matmulbnb4_fp4_fed_weights', 0, [2], 48, 6, 32, true),
];

export const cases: ContribCase[] = [...matmulNBits, ...gatherBlockQuantized, ...integerMatMuls, ...qlinear, ...matMulBnb4];
