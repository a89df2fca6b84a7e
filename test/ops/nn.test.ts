// ops/nn cases the ONNX suite leaves out: pre-13 Softmax coercion, Hardmax ties, L1
// normalization, BatchNormalization without `spatial`, seeded training Dropout, recurrent
// sequence lengths / clip / activations, Einsum broadcasting and integers, and Attention
// windows and fully masked rows.
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { runOp, tensor, values } from './op-harness.js';

type Attr = number | string | number[] | string[];

/** Like runOp, but asks for `outputs` outputs (ops skip optional outputs nobody reads). */
async function runOpOutputs(
  opType: string, inputs: (OnnxValue | undefined)[], attrs: Record<string, Attr>, opset: number, outputs: number,
): Promise<(Tensor | null)[]> {
  const attr = (v: Attr): AttributeValue => {
    if (typeof v === 'string') return { type: 'string', value: v };
    if (Array.isArray(v)) return typeof v[0] === 'string' ? { type: 'strings', value: v as string[] } : { type: 'ints', value: v as number[] };
    return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
  };
  const node: Node = {
    name: 'n', opType, domain: '', inputs: inputs.map((v, i) => (v === undefined ? '' : `in${i}`)),
    outputs: Array.from({ length: outputs }, (_, i) => `out${i}`),
    attributes: new Map(Object.entries(attrs).map(([k, v]) => [k, attr(v)])),
  };
  const kernel = referenceOps.resolve('', opType, opset)!.create({
    node, opset, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); },
  });
  return (await kernel(inputs, { scope: { get: () => undefined, has: () => false } })) as (Tensor | null)[];
}

const close = (actual: ArrayLike<number | bigint>, expected: number[], digits = 5) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Number(actual[i])).toBeCloseTo(e, digits));
};

describe('softmax family', () => {
  it('coerces to 2-D at axis before opset 13', async () => {
    const x = tensor('float32', [1, 2, 3, 4, 0, 0, 0, 0], [2, 2, 2]);
    const [y] = await runOp('Softmax', [x], { axis: 1 }, 11);
    const e = [1, 2, 3, 4].map(Math.exp);
    const s = e.reduce((a, b) => a + b);
    close(values(y), [...e.map((v) => v / s), 0.25, 0.25, 0.25, 0.25]);
    const [y13] = await runOp('Softmax', [x], { axis: 1 }, 13);
    close(values(y13).slice(0, 2), [Math.exp(1) / (Math.exp(1) + Math.exp(3)), Math.exp(2) / (Math.exp(2) + Math.exp(4))]);
  });

  it('Hardmax marks the first of tied maxima', async () => {
    const [y] = await runOp('Hardmax', [tensor('float32', [1, 3, 3, 0], [1, 4])], {}, 13);
    expect(values(y)).toEqual([0, 1, 0, 0]);
  });
});

describe('normalizations', () => {
  it('LpNormalization p=1 divides by the sum of absolute values and keeps zero vectors zero', async () => {
    const [y] = await runOp('LpNormalization', [tensor('float32', [1, -3, 0, 0], [2, 2])], { p: 1 }, 22);
    close(values(y), [0.25, -0.75, 0, 0]);
  });

  it('BatchNormalization-6 with spatial=0 takes parameters per channel and position', async () => {
    const x = tensor('float32', [1, 2, 3, 4], [1, 2, 2]);
    const p = (v: number[]) => tensor('float32', v, [2, 2]);
    const [y] = await runOp('BatchNormalization', [x, p([1, 2, 3, 4]), p([0, 0, 0, 1]), p([1, 1, 1, 1]), p([1, 1, 1, 1])],
      { spatial: 0, is_test: 1, epsilon: 0 }, 6);
    close(values(y), [0, 2, 6, 13]);
  });
});

describe('Dropout', () => {
  it('in training mode keeps elements where numpy\'s seeded uniform stream is >= ratio, scaled', async () => {
    // np.random.seed(0); np.random.uniform(size=8) -> .549 .715 .603 .545 .424 .646 .438 .892
    const x = tensor('float32', [1, 2, 3, 4, 5, 6, 7, 8]);
    const [y, mask] = await runOpOutputs('Dropout', [x, tensor('float32', [0.5], []), tensor('bool', [1], [])], { seed: 0 }, 13, 2);
    expect(values(y!)).toEqual([2, 4, 6, 8, 0, 12, 0, 16]);
    expect(values(mask!)).toEqual([1, 1, 1, 1, 0, 1, 0, 1]);
  });

  it('is the identity with an all-true mask outside training mode', async () => {
    const x = tensor('float32', [1, 2]);
    const [y, mask] = await runOpOutputs('Dropout', [x, tensor('float32', [0.9], [])], {}, 22, 2);
    expect(values(y!)).toEqual([1, 2]);
    expect(mask!.type).toBe('bool');
    expect(values(mask!)).toEqual([1, 1]);
  });
});

describe('recurrent ops', () => {
  // with W = R = 1, no bias and an identity activation, H_t = H_{t-1} + X_t: running sums
  const x = tensor('float32', [1, 10, 2, 20, 3, 30], [3, 2, 1]);
  const one = tensor('float32', [1], [1, 1, 1]);
  const rnn = (attrs: Record<string, Attr>, lens?: number[]) => runOpOutputs(
    'RNN', [x, one, one, undefined, lens && tensor('int32', lens)], { hidden_size: 1, activations: ['Affine'], ...attrs }, 22, 2,
  );

  it('stops each batch entry at its sequence length and zero-fills Y past it', async () => {
    const [y, yh] = await rnn({}, [3, 2]);
    expect(values(y!)).toEqual([1, 10, 3, 30, 6, 0]);
    expect(values(yh!)).toEqual([6, 30]);
  });

  it('runs the reverse direction from each entry\'s last valid step', async () => {
    const [y, yh] = await rnn({ direction: 'reverse' }, [3, 2]);
    expect(values(y!)).toEqual([6, 30, 5, 20, 3, 0]);
    expect(values(yh!)).toEqual([6, 30]);
  });

  it('clips gate inputs and applies activation alpha/beta', async () => {
    const [, yh] = await rnn({ clip: 2.5 });
    expect(values(yh!)).toEqual([2.5, 2.5]);
    const [y] = await rnn({ activation_alpha: [2], activation_beta: [1] });
    // H_t = 2 (H_{t-1} + X_t) + 1
    expect(values(y!).slice(0, 6)).toEqual([3, 21, 11, 83, 29, 227]);
  });
});

describe('Einsum', () => {
  it('broadcasts ellipsis axes and multiplies int64 exactly', async () => {
    const a = tensor('int64', [1n, 2n, 3n, 4n], [1, 2, 2]);
    const b = tensor('int64', [1n, 0n, 0n, 1n, 2n, 0n, 0n, 2n], [2, 2, 2]);
    const [y] = await runOp('Einsum', [a, b], { equation: '...ij,...jk->...ik' }, 12);
    expect(y.dims).toEqual([2, 2, 2]);
    expect(values(y)).toEqual([1n, 2n, 3n, 4n, 2n, 4n, 6n, 8n]);
  });

  it('takes diagonals of repeated labels and sums implicit outputs', async () => {
    const m = tensor('float32', [1, 2, 3, 4], [2, 2]);
    expect(values((await runOp('Einsum', [m], { equation: 'ii' }, 12))[0])).toEqual([5]);
    expect(values((await runOp('Einsum', [m], { equation: 'ii->i' }, 12))[0])).toEqual([1, 4]);
  });
});

describe('Attention', () => {
  // zero queries and keys give equal scores, so Y averages the V rows a query may attend
  const q = tensor('float32', new Array(4).fill(0), [1, 1, 4, 1]);
  const v = tensor('float32', [0, 1, 2, 3], [1, 1, 4, 1]);

  it('restricts keys to the sliding window (opset 25)', async () => {
    const [y] = await runOp('Attention', [q, q, v], { left_window_size: 1, right_window_size: 0 }, 25);
    close(values(y), [0, 0.5, 1.5, 2.5]);
  });

  it('gives zeros for a query row with no attendable key', async () => {
    const mask = tensor('bool', [0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0], [4, 4]);
    const [y, , , p] = await runOpOutputs('Attention', [q, q, v, mask], { qk_matmul_output_mode: 3 }, 24, 4);
    close(values(y!), [0, 1.5, 0, 0.5]);
    close(values(p!).slice(0, 4), [0, 0, 0, 0]);
  });
});
