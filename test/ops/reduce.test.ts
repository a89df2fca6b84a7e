// Reductions (ops/reduce) where the ONNX suite is thin: the strided plan against a plain
// per-element reference over random shapes and axis sets, exact 64-bit integer results, empty
// sets for every op and type, axes as attribute vs input, and noop_with_empty_axes.
import { describe, expect, it } from 'vitest';
import { planReduction, reduceWithPlan } from '../../ops/helpers/reduce-plan.js';
import { NUMBER_KERNELS } from '../../ops/reduce/run-kernels.js';
import { InvalidInputError } from '../../data/errors.js';
import { runOp, tensor, values } from './op-harness.js';

function randomDims(): number[] {
  const rank = Math.floor(Math.random() * 5);
  return Array.from({ length: rank }, () => 1 + Math.floor(Math.random() * 4));
}

function randomAxes(rank: number): number[] {
  return Array.from({ length: rank }, (_, i) => i).filter(() => Math.random() < 0.5);
}

/** Sum over `axes` by decoding each element's index: the obvious, slow reference. */
function naiveSum(x: Float64Array, dims: number[], axes: number[]): Float64Array {
  const keptDims = dims.filter((_, i) => !axes.includes(i));
  const out = new Float64Array(keptDims.reduce((p, d) => p * d, 1));
  for (let flat = 0; flat < x.length; flat++) {
    let rem = flat, o = 0, scale = 1;
    for (let i = dims.length - 1; i >= 0; i--) {
      const idx = rem % dims[i];
      rem = Math.floor(rem / dims[i]);
      if (!axes.includes(i)) { o += idx * scale; scale *= dims[i]; }
    }
    out[o] += x[flat];
  }
  return out;
}

describe('planReduction', () => {
  it('reduces the same elements into the same outputs as the per-element reference', () => {
    for (let trial = 0; trial < 400; trial++) {
      const dims = randomDims();
      const axes = randomAxes(dims.length);
      const n = dims.reduce((p, d) => p * d, 1);
      const x = Float64Array.from({ length: n }, () => Math.round(Math.random() * 100));
      const plan = planReduction(dims, axes);
      const out = new Float64Array(plan.outSize);
      reduceWithPlan(x, plan, NUMBER_KERNELS.sum, 0, out);
      expect(Array.from(out)).toEqual(Array.from(naiveSum(x, dims, axes)));
    }
  });

  it('collapses a trailing or H×W reduction into one contiguous run per output', () => {
    expect(planReduction([2, 8, 16], [2])).toMatchObject({ runLength: 16, runStep: 1, runStarts: new Int32Array([0]) });
    expect(planReduction([2, 3, 4, 5], [2, 3])).toMatchObject({ runLength: 20, runStep: 1, outSize: 6 });
    expect(planReduction([2, 3, 4], [1])).toMatchObject({ runLength: 3, runStep: 4, outSize: 8 });
  });
});

describe('Reduce* ops', () => {
  const x = tensor('float32', [1, -2, 3, -4, 5, -6], [2, 3]);

  it('computes each op over an axis given as input (opset 18+) and as attribute (before)', async () => {
    const cases: [string, number[]][] = [
      ['ReduceSum', [-3, 3, -3]], ['ReduceMean', [-1.5, 1.5, -1.5]], ['ReduceProd', [-4, -10, -18]],
      ['ReduceMax', [1, 5, 3]], ['ReduceMin', [-4, -2, -6]], ['ReduceL1', [5, 7, 9]],
      ['ReduceL2', [Math.sqrt(17), Math.sqrt(29), Math.sqrt(45)]], ['ReduceSumSquare', [17, 29, 45]],
    ];
    for (const [op, expected] of cases) {
      const [viaInput] = await runOp(op, [x, tensor('int64', [0n])], { keepdims: 0 }, 18);
      const [viaAttr] = await runOp(op, [x], { axes: [0], keepdims: 0 }, 11);
      for (const r of [viaInput, viaAttr]) {
        expect(r.dims).toEqual([3]);
        values(r).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
      }
    }
    const [lse] = await runOp('ReduceLogSumExp', [tensor('float64', [1000, 1000, -Infinity, -Infinity], [2, 2])], { axes: [1] }, 13);
    expect(values(lse)).toEqual([1000 + Math.log(2), -Infinity]);
  });

  it('keeps 64-bit integers exact and truncates integer means', async () => {
    const big = tensor('int64', [2n ** 62n, 3n, -(2n ** 62n), 1n], [4]);
    expect(values((await runOp('ReduceSum', [big], {}, 13))[0])).toEqual([4n]);
    expect(values((await runOp('ReduceMax', [big], { keepdims: 0 }, 18))[0])).toEqual([2n ** 62n]);
    expect(values((await runOp('ReduceMean', [tensor('int32', [1, 2, 2, 2], [4])], {}, 18))[0])).toEqual([1]);
    // 32-bit products wrap like C's, bit-exact (float64 would lose the low bits first)
    const p = tensor('int32', [123456789, 987654321, 555555555], [3]);
    expect(values((await runOp('ReduceProd', [p], {}, 18))[0])).toEqual([Math.imul(Math.imul(123456789, 987654321), 555555555)]);
    expect(values((await runOp('ReduceSumSquare', [tensor('uint32', [4000000000], [1])], {}, 18))[0])).toEqual([Number((4000000000n ** 2n) % 2n ** 32n)]);
  });

  it('gives the identity of each reduction for an empty set', async () => {
    const empty = tensor('float32', [], [2, 0, 3]);
    const expected: Record<string, number> = {
      ReduceSum: 0, ReduceProd: 1, ReduceMax: -Infinity, ReduceMin: Infinity, ReduceL1: 0, ReduceL2: 0,
      ReduceSumSquare: 0, ReduceLogSum: -Infinity, ReduceLogSumExp: -Infinity,
    };
    for (const [op, v] of Object.entries(expected)) {
      const [r] = await runOp(op, [empty, tensor('int64', [1n])], { keepdims: 1 }, 18);
      expect(r.dims).toEqual([2, 1, 3]);
      expect(values(r)).toEqual(new Array(6).fill(v));
    }
    expect(values((await runOp('ReduceMax', [tensor('int32', [], [0])], {}, 18))[0])).toEqual([-2147483648]);
    expect(values((await runOp('ReduceMin', [tensor('uint8', [], [0])], {}, 18))[0])).toEqual([255]);
    expect(values((await runOp('ReduceMax', [tensor('int64', [], [0])], {}, 18))[0])).toEqual([-(2n ** 63n)]);
    expect(values((await runOp('ReduceMax', [tensor('bool', [], [0])], {}, 20))[0])).toEqual([0]);
    expect(values((await runOp('ReduceMin', [tensor('bool', [], [0])], {}, 20))[0])).toEqual([1]);
  });

  it('reduces bool inputs (opset 20) and float16 inputs', async () => {
    const b = tensor('bool', [0, 1, 0, 0], [2, 2]);
    expect(values((await runOp('ReduceMax', [b, tensor('int64', [1n])], { keepdims: 0 }, 20))[0])).toEqual([1, 0]);
    const h = tensor('float16', [0x3c00, 0x4000, 0x4200], [3]); // 1, 2, 3
    const [s] = await runOp('ReduceSum', [h], {}, 13);
    expect(s.type).toBe('float16');
    expect(values(s)).toEqual([0x4600]); // 6
  });

  it('treats empty axes as all axes, or as the identity with noop_with_empty_axes', async () => {
    const none = tensor('int64', [], [0]);
    expect(values((await runOp('ReduceSum', [x, none], {}, 13))[0])).toEqual([-3]);
    const [same] = await runOp('ReduceL2', [x, none], { noop_with_empty_axes: 1 }, 18);
    expect(same).toBe(x);
    expect(values((await runOp('ReduceL2', [tensor('float32', [-3], [])], {}, 18))[0])).toEqual([3]);
  });

  it('rejects out-of-range and repeated axes', async () => {
    await expect(runOp('ReduceSum', [x, tensor('int64', [2n])], {}, 13)).rejects.toThrow(InvalidInputError);
    await expect(runOp('ReduceMean', [x], { axes: [1, -1] }, 13)).rejects.toThrow(/repeats/);
  });
});
