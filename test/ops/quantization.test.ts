// Quantization ops (ops/cast) where the ONNX suite is thin: blocked quantization with a
// remainder block, the `precision` attribute, output_dtype, shape errors, and the integer
// conv/matmul loops against plain nested-loop references (strides, pads, dilations, groups,
// auto_pad, per-channel parameters, batch broadcasting, per-row zero points).
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../data/errors.js';
import { runOp, tensor, values } from './op-harness.js';

const randInts = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => lo + Math.floor(Math.random() * (hi - lo + 1)));

describe('QuantizeLinear / DequantizeLinear', () => {
  it('quantizes blocks along an axis, the last block shorter', async () => {
    const x = tensor('float32', [1, 2, 3, 4, 5, 10, 20, 30, 40, 50], [2, 5]);
    const scale = tensor('float32', [1, 2, 4, 10, 20, 40], [2, 3]);
    const [y] = await runOp('QuantizeLinear', [x, scale, tensor('int8', [0, 1, 2, 0, 1, 2], [2, 3])], { axis: 1, block_size: 2 });
    // blocks: [1,2]/1, [3,4]/2 + 1, [5]/4 + 2 | [10,20]/10, [30,40]/20 + 1, [50]/40 + 2 (ties to even)
    expect(values(y)).toEqual([1, 2, 3, 3, 3, 1, 2, 3, 3, 3]);
    const [back] = await runOp('DequantizeLinear', [y, scale, tensor('int8', [0, 1, 2, 0, 1, 2], [2, 3])], { axis: 1, block_size: 2 });
    expect(values(back)).toEqual([1, 2, 4, 4, 4, 10, 20, 40, 40, 40]);
  });

  it('divides in the precision attribute\'s type when given', async () => {
    const x = tensor('float32', [2.5009765625 - 2 ** -12]);
    const one = tensor('float32', [1], []);
    expect(values((await runOp('QuantizeLinear', [x, one]))[0])).toEqual([3]);
    expect(values((await runOp('QuantizeLinear', [x, one], { precision: 10 }))[0])).toEqual([2]);
  });

  it('takes the type from output_dtype without a zero point, and saturates', async () => {
    const [y] = await runOp('QuantizeLinear', [tensor('float32', [-100, 100, 0.5, 1.5]), tensor('float32', [1], [])], { output_dtype: 22 });
    expect(y.type).toBe('int4');
    expect(values(y)).toEqual([-8, 7, 0, 2]);
    const [d] = await runOp('DequantizeLinear', [tensor('uint8', [3]), tensor('float32', [0.5], [])], { output_dtype: 10 });
    expect(d.type).toBe('float16');
    expect(values(d)).toEqual([0x3e00]);
  });

  it('rejects scales that fit no granularity and zero points of another type', async () => {
    const x = tensor('float32', new Array(6).fill(1), [2, 3]);
    await expect(runOp('QuantizeLinear', [x, tensor('float32', [1, 1], [2])], { axis: 1 })).rejects.toThrow(InvalidInputError);
    await expect(runOp('QuantizeLinear', [x, tensor('float32', [1, 1], [1, 2])], { axis: 1, block_size: 1 })).rejects.toThrow(/blocked/);
    await expect(runOp('QuantizeLinear', [x, tensor('float32', [1], []), tensor('int8', [0], [])], { output_dtype: 2 })).rejects.toThrow(/output_dtype/);
  });
});

/** 2-D convolution by definition, for comparison. */
function naiveConv2d(
  x: number[], xd: number[], w: number[], wd: number[],
  { strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1], group = 1 } = {},
): { out: number[]; dims: number[] } {
  const [N, C, H, W] = xd, [M, Cg, KH, KW] = wd;
  const OH = Math.floor((H + pads[0] + pads[2] - ((KH - 1) * dilations[0] + 1)) / strides[0]) + 1;
  const OW = Math.floor((W + pads[1] + pads[3] - ((KW - 1) * dilations[1] + 1)) / strides[1]) + 1;
  const out: number[] = [];
  const Mg = M / group;
  for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    let acc = 0;
    const g = Math.floor(m / Mg);
    for (let c = 0; c < Cg; c++) for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
      const ih = oh * strides[0] - pads[0] + kh * dilations[0], iw = ow * strides[1] - pads[1] + kw * dilations[1];
      if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      acc += x[((n * C + g * Cg + c) * H + ih) * W + iw] * w[((m * Cg + c) * KH + kh) * KW + kw];
    }
    out.push(acc);
  }
  return { out, dims: [N, M, OH, OW] };
}

describe('ConvInteger / QLinearConv', () => {
  it('match a direct convolution with strides, pads, dilations and groups', async () => {
    const xd = [2, 4, 7, 6], wd = [6, 2, 3, 2];
    const x = randInts(2 * 4 * 7 * 6, 0, 255), w = randInts(6 * 2 * 3 * 2, -128, 127);
    const opts = { strides: [2, 1], pads: [1, 0, 2, 1], dilations: [1, 2], group: 2 };
    const ref = naiveConv2d(x.map((v) => v - 7), xd, w.map((v) => v + 3), wd, opts);
    const [y] = await runOp('ConvInteger', [tensor('uint8', x, xd), tensor('int8', w, wd), tensor('uint8', [7], []), tensor('int8', [-3], [])], opts);
    expect(y.dims).toEqual(ref.dims);
    expect(values(y)).toEqual(ref.out);

    // QLinearConv: per-channel weight scales and zero points, bias, rounding and saturation
    const wScale = [0.01, 0.02, 0.005, 0.03, 0.01, 0.02], wZero = [0, 1, -1, 2, 0, 3], bias = randInts(6, -500, 500);
    const refQ = naiveConv2d(x.map((v) => v - 7), xd, w.map((v, i) => v - wZero[Math.floor(i / 12)]), wd, opts);
    const [q] = await runOp('QLinearConv', [
      tensor('uint8', x, xd), tensor('float32', [0.05], []), tensor('uint8', [7], []),
      tensor('int8', w, wd), tensor('float32', wScale, [6]), tensor('int8', wZero, [6]),
      tensor('float32', [0.5], []), tensor('int8', [-4], []), tensor('int32', bias, [6]),
    ], opts);
    const per = refQ.out.length / 12;
    const expected = refQ.out.map((v, i) => {
      const m = Math.floor(i / per) % 6;
      const r = (v + bias[m]) * Math.fround(Math.fround(Math.fround(0.05) * Math.fround(wScale[m])) / 0.5);
      const fl = Math.floor(r), d = r - fl;
      const rounded = d < 0.5 ? fl : d > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
      return Math.max(-128, Math.min(127, rounded - 4));
    });
    expect(q.type).toBe('int8');
    expect(values(q)).toEqual(expected);
  });

  it('pads SAME_UPPER / SAME_LOWER as auto_pad asks', async () => {
    const xd = [1, 1, 5, 5], wd = [1, 1, 2, 2];
    const x = randInts(25, 0, 9), w = randInts(4, 0, 9);
    for (const [autoPad, pads] of [['SAME_UPPER', [0, 0, 1, 1]], ['SAME_LOWER', [1, 1, 0, 0]]] as const) {
      const ref = naiveConv2d(x, xd, w, wd, { pads: [...pads] });
      const [y] = await runOp('ConvInteger', [tensor('uint8', x, xd), tensor('uint8', w, wd)], { auto_pad: autoPad });
      expect(values(y)).toEqual(ref.out);
    }
  });
});

describe('MatMulInteger / QLinearMatMul', () => {
  it('broadcast batches and subtract per-row / per-column zero points', async () => {
    const a = randInts(2 * 3 * 4, 0, 255), b = randInts(4 * 5, 0, 255);
    const aZero = [1, 2, 3], bZero = [5, 4, 3, 2, 1];
    const [y] = await runOp('MatMulInteger', [tensor('uint8', a, [2, 3, 4]), tensor('uint8', b, [4, 5]), tensor('uint8', aZero, [3]), tensor('uint8', bZero, [5])]);
    expect(y.dims).toEqual([2, 3, 5]);
    const expected: number[] = [];
    for (let t = 0; t < 2; t++) for (let m = 0; m < 3; m++) for (let n = 0; n < 5; n++) {
      let acc = 0;
      for (let k = 0; k < 4; k++) acc += (a[(t * 3 + m) * 4 + k] - aZero[m]) * (b[k * 5 + n] - bZero[n]);
      expected.push(acc);
    }
    expect(values(y)).toEqual(expected);
  });

  it('handles 1-D operands as numpy does', async () => {
    const [y] = await runOp('MatMulInteger', [tensor('int8', [1, 2, 3]), tensor('int8', [1, 1, 1, 2, 2, 2], [3, 2])]);
    expect(y.dims).toEqual([2]);
    expect(values(y)).toEqual([9, 11]);
    await expect(runOp('MatMulInteger', [tensor('int8', [1, 2]), tensor('int8', [1, 2, 3])])).rejects.toThrow(InvalidInputError);
  });

  it('requantizes with per-row a_scale and per-column b_scale', async () => {
    const [y] = await runOp('QLinearMatMul', [
      tensor('uint8', [10, 20, 30, 40], [2, 2]), tensor('float32', [0.1, 0.2], [2]), tensor('uint8', [0], []),
      tensor('uint8', [1, 2, 3, 4], [2, 2]), tensor('float32', [1, 0.5], [2]), tensor('uint8', [0], []),
      tensor('float32', [1], []), tensor('uint8', [1], []),
    ]);
    // a@b = [[70, 100], [150, 220]]; scales [[0.1, 0.05], [0.2, 0.1]] -> 7, 5, 30, 22 (+1)
    expect(values(y)).toEqual([8, 6, 31, 23]);
  });
});

describe('DynamicQuantizeLinear', () => {
  it('gives scale 1 and zero point 0 for an all-zero input', async () => {
    const [y, scale, zero] = await runOp('DynamicQuantizeLinear', [tensor('float32', [0, 0, 0])], {}, 11);
    expect([values(y), values(scale), values(zero)]).toEqual([[0, 0, 0], [1], [0]]);
  });
});
