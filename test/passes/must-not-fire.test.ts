// Near misses: for each optimizer pass, the graphs closest to its pattern that it must leave
// alone because the rewrite would change what they compute. Each runs the pass alone and
// expects the graph unchanged, then (where the outputs are deterministic) the whole
// optimizer against an unoptimized run.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { collapseTransposeReshape } from '../../graph/passes/collapse-transpose-reshape.js';
import { eliminateCommonSubexpressions } from '../../graph/passes/eliminate-common-subexpressions.js';
import { eliminateDeadNodes } from '../../graph/passes/eliminate-dead-nodes.js';
import { eliminateNoOps } from '../../graph/passes/eliminate-no-ops.js';
import { foldConstants } from '../../graph/passes/fold-constants.js';
import { foldConvAddMul } from '../../graph/passes/fold-conv-add-mul.js';
import { foldConvBatchNorm } from '../../graph/passes/fold-conv-batchnorm.js';
import { foldTransposeIntoGemm } from '../../graph/passes/fold-transpose-into-gemm.js';
import { fuseActivation } from '../../graph/passes/fuse-activation.js';
import { fuseAttention } from '../../graph/passes/fuse-attention.js';
import { fuseConvAdd } from '../../graph/passes/fuse-conv-add.js';
import { fuseGelu } from '../../graph/passes/fuse-gelu.js';
import { fuseLayerNorm } from '../../graph/passes/fuse-layer-norm.js';
import { fuseMatMulAdd } from '../../graph/passes/fuse-matmul-add.js';
import { fuseMatMulIntegerToFloat } from '../../graph/passes/fuse-matmul-integer-to-float.js';
import { fuseQdq } from '../../graph/passes/fuse-qdq.js';
import type { GraphPass } from '../../graph/passes/pass.js';
import { type OnnxValue, Tensor } from '../../src/index.js';
import { optimizeAndCompare, randomTensorData, runPassAlone } from './pass-harness.js';

const f32 = (dims: number[], seed: number) => new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed), dims);
const scalar = (v: number) => new Tensor('float32', [v], []);
const i64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v, BigInt), [v.length]);

/**
 * Expects `pass`, run alone, to report no change and leave every node and initializer as it
 * was; with `feeds`, also that the whole optimizer keeps the outputs (returns the ops it left).
 */
async function expectUnchanged(b: GraphBuilder, pass: GraphPass, feeds?: Record<string, OnnxValue>, opsets: Record<string, number> = { '': 17 }): Promise<string[]> {
  const run = await runPassAlone(b, pass, opsets);
  expect(run.after).toEqual(run.before);
  expect(run.changed).toBe(false);
  return feeds ? optimizeAndCompare(b, feeds, 'all', opsets) : [];
}

/** Conv of x [1, 3, 4, 4] to [1, 4, 4, 4]: as many output channels as columns. */
function convGraph(): [GraphBuilder, string] {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 4, 4]);
  const y = b.op('Conv', [x, b.initializer('w', f32([4, 3, 3, 3], 1)), b.initializer('bias', f32([4], 2))], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
  return [b, y];
}
const img = () => ({ x: f32([1, 3, 4, 4], 7) });

/**
 * Declares `name` as a graph input backed by an initializer: `value` is only its default
 * (IR >= 4), which a feed replaces, so no pass may bake it into the graph.
 */
function overridable(b: GraphBuilder, name: string, value: Tensor): string {
  b.input(name, value.type, [...value.dims]);
  return b.initializer(name, value);
}

describe('fold-constants', () => {
  it('does not fold a random op, even when its inputs are constants', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Add', [x, b.op('RandomUniformLike', [b.initializer('k', f32([2, 3], 1))])]), 'float32', [2, 3]);
    await expectUnchanged(b, foldConstants);
  });

  it('does not fold a node reading an initializer that a feed can override', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const w = b.input('w', 'float32', [2, 3]);
    b.initializer('w', f32([2, 3], 1));
    b.output(b.op('Add', [x, b.op('Relu', [w])]), 'float32', [2, 3]);
    expect(await expectUnchanged(b, foldConstants, { x: f32([2, 3], 2), w: f32([2, 3], 3) })).toEqual(['Relu', 'Add']);
  });
});

describe('eliminate-no-ops', () => {
  it('keeps a Pad whose pads attribute has the wrong type (found by the fuzzer): the kernel refuses it', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Pad', [x], { pads: { type: 'float', value: 1.5 } }), 'float32');
    await expectUnchanged(b, eliminateNoOps, undefined, { '': 2 });
  });

  it('keeps a Dropout whose mask output is read', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const [d, mask] = b.node('Dropout', [x], {}, { outputs: ['d', 'mask'] });
    b.output(b.op('Relu', [d]), 'float32', [2, 3]);
    b.output(b.op('Not', [mask]), 'bool', [2, 3]);
    await expectUnchanged(b, eliminateNoOps, { x: f32([2, 3], 1) });
  });

  it('keeps a Dropout whose training_mode is an input, not a false constant', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const training = b.input('training', 'bool', []);
    b.output(b.op('Relu', [b.op('Dropout', [x, '', training])]), 'float32', [2, 3]);
    await expectUnchanged(b, eliminateNoOps);
  });

  it('keeps a Reshape to another shape of the same size', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Relu', [b.op('Reshape', [x, b.initializer('to', i64([3, 2]))])]), 'float32', [3, 2]);
    await expectUnchanged(b, eliminateNoOps, { x: f32([2, 3], 1) });
  });

  it('keeps a Pad whose zero pads are only a default a feed can override', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Relu', [b.op('Pad', [x, overridable(b, 'pads', i64([0, 0, 0, 0]))])]), 'float32');
    await expectUnchanged(b, eliminateNoOps, { x: f32([2, 3], 1), pads: i64([1, 0, 0, 1]) });
  });

  it('keeps a Reshape whose default target, a feed can override, is the input shape', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Relu', [b.op('Reshape', [x, overridable(b, 'to', i64([2, 3]))])]), 'float32');
    await expectUnchanged(b, eliminateNoOps, { x: f32([2, 3], 1), to: i64([3, 2]) });
  });

  it('keeps a Cast to another element type', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Abs', [b.op('Cast', [b.op('Mul', [x, b.initializer('ten', scalar(10))])], { to: 6 })]), 'int32', [2, 3]);
    await expectUnchanged(b, eliminateNoOps, { x: f32([2, 3], 1) });
  });
});

describe('eliminate-common-subexpressions', () => {
  it('keeps two nodes that differ only by an attribute', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Add', [b.op('LeakyRelu', [x], { alpha: 0.1 }), b.op('LeakyRelu', [x], { alpha: 0.2 })]), 'float32', [2, 3]);
    await expectUnchanged(b, eliminateCommonSubexpressions, { x: f32([2, 3], 1) });
  });

  it('keeps two draws of the same random op', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Sub', [b.op('RandomUniformLike', [x]), b.op('RandomUniformLike', [x])]), 'float32', [2, 3]);
    await expectUnchanged(b, eliminateCommonSubexpressions);
  });

  it('keeps a duplicate whose output is a graph output', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.node('Relu', [x], {}, { outputs: ['y1'] });
    b.node('Relu', [x], {}, { outputs: ['y2'] });
    b.output('y1', 'float32', [2, 3]);
    b.output('y2', 'float32', [2, 3]);
    await expectUnchanged(b, eliminateCommonSubexpressions, { x: f32([2, 3], 1) });
  });
});

describe('eliminate-dead-nodes', () => {
  it('keeps nodes that only feed graph outputs', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.output(b.op('Relu', [x]), 'float32', [2, 3]);
    b.output(b.op('Neg', [x]), 'float32', [2, 3]);
    await expectUnchanged(b, eliminateDeadNodes, { x: f32([2, 3], 1) });
  });

  it('keeps a node when any of its outputs is read, not only the first', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const [, indices] = b.node('TopK', [x, b.initializer('k', i64([2]))], { axis: 1 }, { outputs: ['values', 'indices'] });
    b.output(b.op('Identity', [indices]), 'int64', [2, 2]);
    await expectUnchanged(b, eliminateDeadNodes, { x: f32([2, 3], 1) });
  });

  it('keeps an unread initializer that is also a graph input (its default value)', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.input('w', 'float32', [2, 3]);
    b.initializer('w', f32([2, 3], 1));
    b.output(b.op('Relu', [x]), 'float32', [2, 3]);
    await expectUnchanged(b, eliminateDeadNodes, { x: f32([2, 3], 1) });
  });
});

describe('fold-conv-batchnorm', () => {
  const bnParams = (b: GraphBuilder, scale?: string) => [
    scale ?? b.initializer('s', f32([4], 3)), b.initializer('b2', f32([4], 4)), b.initializer('m', f32([4], 5)),
    b.initializer('v', new Tensor('float32', randomTensorData(4, 6).map((v) => Math.abs(v) + 0.5), [4])),
  ];

  it('does not fold a BatchNormalization in training mode (it normalizes with batch statistics)', async () => {
    const [b, y] = convGraph();
    b.output(b.op('BatchNormalization', [y, ...bnParams(b)], { training_mode: 1 }), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvBatchNorm, img())).toContain('BatchNormalization');
  });

  it('does not fold when the scale is not a constant', async () => {
    const [b, y] = convGraph();
    b.output(b.op('BatchNormalization', [y, ...bnParams(b, b.input('scale', 'float32', [4]))]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvBatchNorm, { ...img(), scale: f32([4], 9) })).toContain('BatchNormalization');
  });

  it('does not fold when the scale is an initializer a feed can override', async () => {
    const [b, y] = convGraph();
    b.output(b.op('BatchNormalization', [y, ...bnParams(b, overridable(b, 's', f32([4], 3)))]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvBatchNorm, { ...img(), s: f32([4], 9) })).toContain('BatchNormalization');
  });

  it('does not fold when the Conv output has a second reader', async () => {
    const [b, y] = convGraph();
    b.output(b.op('BatchNormalization', [y, ...bnParams(b)]), 'float32', [1, 4, 4, 4]);
    b.output(b.op('Sigmoid', [y]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvBatchNorm, img())).toContain('BatchNormalization');
  });
});

describe('fold-conv-add-mul', () => {
  it('does not fold an Add whose constant has one value per column, not per channel', async () => {
    const [b, y] = convGraph();
    // [4] broadcasts along the last axis (width 4), although Conv has 4 output channels too
    b.output(b.op('Add', [y, b.initializer('per_column', f32([4], 8))]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvAddMul, img())).toEqual(['Conv', 'Add']);
  });

  it('does not fold a Mul by a per-channel initializer a feed can override', async () => {
    const [b, y] = convGraph();
    b.output(b.op('Mul', [y, overridable(b, 'scale', f32([4, 1, 1], 8))]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvAddMul, { ...img(), scale: f32([4, 1, 1], 9) })).toEqual(['Conv', 'Mul']);
  });

  it('does not fold a Mul when the Conv output has a second reader', async () => {
    const [b, y] = convGraph();
    b.output(b.op('Mul', [y, b.initializer('scale', f32([4, 1, 1], 8))]), 'float32', [1, 4, 4, 4]);
    b.output(b.op('Sigmoid', [y]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, foldConvAddMul, img())).toContain('Mul');
  });
});

describe('collapse-transpose-reshape', () => {
  it('does not collapse two Reshapes when the second copies a dim (0) from its input', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 4]);
    // [2, 3, 4] → [6, 4] → [0, -1] is [6, 4]; one Reshape of x to [0, -1] would give [2, 12]
    const r1 = b.op('Reshape', [x, b.initializer('to_6x4', i64([6, 4]))]);
    b.output(b.op('Reshape', [r1, b.initializer('keep_dim0', i64([0, -1]))]), 'float32', [6, 4]);
    await expectUnchanged(b, collapseTransposeReshape, { x: f32([2, 3, 4], 1) });
  });

  it('does not collapse two Reshapes when the second target is an initializer a feed can override', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 4]);
    // the default [4, 6] copies no dim, but a fed [0, -1] copies dim 0 of [6, 4]: [6, 4], not x's [2, 12]
    const r1 = b.op('Reshape', [x, b.initializer('to_6x4', i64([6, 4]))]);
    b.output(b.op('Reshape', [r1, overridable(b, 'to', i64([4, 6]))]), 'float32');
    await expectUnchanged(b, collapseTransposeReshape, { x: f32([2, 3, 4], 1), to: i64([0, -1]) });
  });

  it('does not collapse two Transposes when the first has a second reader', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 4]);
    const t1 = b.op('Transpose', [x], { perm: [1, 0, 2] });
    b.output(b.op('Transpose', [t1], { perm: [0, 2, 1] }), 'float32', [3, 4, 2]);
    b.output(b.op('Relu', [t1]), 'float32', [3, 2, 4]);
    await expectUnchanged(b, collapseTransposeReshape, { x: f32([2, 3, 4], 1) });
  });
});

describe('fold-transpose-into-gemm', () => {
  it('does not fold a Transpose whose perm is the identity into transB', async () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', [4, 4]);
    const m = b.input('m', 'float32', [4, 4]);
    b.output(b.op('Gemm', [a, b.op('Transpose', [m], { perm: [0, 1] })]), 'float32', [4, 4]);
    await expectUnchanged(b, foldTransposeIntoGemm, { a: f32([4, 4], 1), m: f32([4, 4], 2) });
  });

  it('does not fold a Transpose that has a second reader', async () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', [4, 5]);
    const t = b.op('Transpose', [b.input('bt', 'float32', [6, 5])], { perm: [1, 0] });
    b.output(b.op('Gemm', [a, t]), 'float32', [4, 6]);
    b.output(b.op('Relu', [t]), 'float32', [5, 6]);
    expect(await expectUnchanged(b, foldTransposeIntoGemm, { a: f32([4, 5], 1), bt: f32([6, 5], 2) })).toContain('Transpose');
  });
});

describe('fuse-activation', () => {
  it('does not fuse when the Conv output is also a graph output', async () => {
    const [b, y] = convGraph();
    b.output(y, 'float32', [1, 4, 4, 4]);
    b.output(b.op('Relu', [y]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, fuseActivation, img())).toEqual(['Conv', 'Relu']);
  });

  it('does not fuse a Clip whose bound is not a constant', async () => {
    const [b, y] = convGraph();
    b.output(b.op('Clip', [y, b.initializer('lo', scalar(0)), b.input('hi', 'float32', [])]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, fuseActivation, { ...img(), hi: scalar(0.25) })).toEqual(['Conv', 'Clip']);
  });

  it('does not fuse a Clip whose bound is an initializer a feed can override', async () => {
    const [b, y] = convGraph();
    b.output(b.op('Clip', [y, b.initializer('lo', scalar(0)), overridable(b, 'hi', scalar(0.25))]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, fuseActivation, { ...img(), hi: scalar(0.125) })).toEqual(['Conv', 'Clip']);
  });

  it('does not fuse x * Sigmoid(x) as SiLU when the Sigmoid has a second reader', async () => {
    const [b, y] = convGraph();
    const sig = b.op('Sigmoid', [y]);
    b.output(b.op('Mul', [y, sig]), 'float32', [1, 4, 4, 4]);
    b.output(b.op('Neg', [sig]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, fuseActivation, img())).toContain('Sigmoid');
  });
});

describe('fuse-conv-add', () => {
  it('does not fuse an Add whose other input broadcasts onto the Conv output', async () => {
    const [b, y] = convGraph();
    b.output(b.op('Add', [y, b.input('z', 'float32', [1, 4, 1, 1])]), 'float32', [1, 4, 4, 4]);
    expect(await expectUnchanged(b, fuseConvAdd, { ...img(), z: f32([1, 4, 1, 1], 9) })).toEqual(['Conv', 'Add']);
  });

  it('does not add a sum input to a FusedConv that already applies an activation', async () => {
    // relu(conv) + z is not relu(conv + z)
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const y = b.node('FusedConv', [x, b.initializer('w', f32([4, 3, 3, 3], 1)), b.initializer('bias', f32([4], 2))], {
      kernel_shape: [3, 3], pads: [1, 1, 1, 1], activation: 'Relu',
    }, { domain: FUSED_DOMAIN })[0];
    b.output(b.op('Add', [y, b.input('z', 'float32', [1, 4, 4, 4])]), 'float32', [1, 4, 4, 4]);
    const opsets = { '': 17, [FUSED_DOMAIN]: 1 };
    expect(await expectUnchanged(b, fuseConvAdd, { ...img(), z: f32([1, 4, 4, 4], 9) }, opsets)).toEqual(['FusedConv', 'Add']);
  });
});

describe('fuse-gelu', () => {
  const s = (b: GraphBuilder, name: string, v: number) => b.initializer(name, scalar(v));
  /** x * (1 + erf(scaled)) * 0.5 */
  const gelu = (b: GraphBuilder, x: string, scaled: string) =>
    b.op('Mul', [b.op('Mul', [x, b.op('Add', [b.op('Erf', [scaled]), s(b, 'one', 1)])]), s(b, 'half', 0.5)]);

  it('does not fuse when the divisor is near √2 but not within tolerance', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 8]);
    b.output(gelu(b, x, b.op('Div', [x, s(b, 'almost_sqrt2', 1.41)])), 'float32', [2, 8]);
    expect(await expectUnchanged(b, fuseGelu, { x: f32([2, 8], 3) }, { '': 13 })).toContain('Erf');
  });

  it('does not fuse when the 0.5 is an initializer a feed can override', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 8]);
    b.input('half', 'float32', []);
    b.output(gelu(b, x, b.op('Div', [x, s(b, 'sqrt2', Math.SQRT2)])), 'float32', [2, 8]);
    expect(await expectUnchanged(b, fuseGelu, { x: f32([2, 8], 3), half: scalar(5) }, { '': 13 })).toContain('Erf');
  });

  it('does not fuse the tanh form when the cube is some other power or coefficient', async () => {
    for (const [power, coefficient] of [[2, 0.044715], [3, 0.05]]) {
      const b = new GraphBuilder();
      const x = b.input('x', 'float32', [2, 8]);
      const cube = b.op('Mul', [b.op('Pow', [x, s(b, 'p', power)]), s(b, 'c', coefficient)]);
      const t = b.op('Tanh', [b.op('Mul', [b.op('Add', [x, cube]), s(b, 'k', Math.sqrt(2 / Math.PI))])]);
      b.output(b.op('Mul', [b.op('Mul', [x, s(b, 'half', 0.5)]), b.op('Add', [t, s(b, 'one', 1)])]), 'float32', [2, 8]);
      expect(await expectUnchanged(b, fuseGelu, { x: f32([2, 8], 3) }, { '': 13 })).toContain('Tanh');
    }
  });

  it('does not fuse √2 / x (x the divisor, not the dividend)', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 8]);
    b.output(gelu(b, x, b.op('Div', [s(b, 'sqrt2', Math.SQRT2), x])), 'float32', [2, 8]);
    expect(await expectUnchanged(b, fuseGelu, { x: f32([2, 8], 3) }, { '': 13 })).toContain('Erf');
  });
});

describe('fuse-layer-norm', () => {
  /** (x - mean(x)) / sqrt(mean((x - mean(x))^p) + eps) * gamma + beta, reducing over `axes`. */
  function layerNorm(axes: number[], power: number, fedByInput: string[] = []): GraphBuilder {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 8]);
    for (const name of fedByInput) b.input(name, 'float32', []);
    const d = b.op('Sub', [x, b.op('ReduceMean', [x], { axes })]);
    const v = b.op('ReduceMean', [b.op('Pow', [d, b.initializer('p', scalar(power))])], { axes });
    const std = b.op('Sqrt', [b.op('Add', [v, b.initializer('eps', scalar(1e-5))])]);
    b.output(b.op('Add', [b.op('Mul', [b.op('Div', [d, std]), b.initializer('gamma', f32([8], 1))]), b.initializer('beta', f32([8], 2))]), 'float32', [2, 3, 8]);
    return b;
  }

  it('does not fuse reductions over an axis other than the last', async () => {
    expect(await expectUnchanged(layerNorm([1], 2), fuseLayerNorm, { x: f32([2, 3, 8], 4) }, { '': 13 })).toContain('ReduceMean');
  });

  it('does not fuse when the variance is not of the square (Pow exponent 3)', async () => {
    expect(await expectUnchanged(layerNorm([-1], 3), fuseLayerNorm, { x: f32([2, 3, 8], 4) }, { '': 13 })).toContain('ReduceMean');
  });

  it('does not fuse when eps is an initializer a feed can override', async () => {
    const feeds = { x: f32([2, 3, 8], 4), eps: scalar(4) };
    expect(await expectUnchanged(layerNorm([-1], 2, ['eps']), fuseLayerNorm, feeds, { '': 13 })).toContain('ReduceMean');
  });

  it('does not fuse when the Pow exponent is an initializer a feed can override', async () => {
    const feeds = { x: f32([2, 3, 8], 4), p: scalar(4) };
    expect(await expectUnchanged(layerNorm([-1], 2, ['p']), fuseLayerNorm, feeds, { '': 13 })).toContain('ReduceMean');
  });
});

describe('fuse-matmul-add', () => {
  it('does not fuse an Add whose constant has one value per row, not per column', async () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', [4, 5]);
    // [4, 1] is as large as a bias of N = 4 columns but broadcasts along the rows
    b.output(b.op('Add', [b.op('MatMul', [a, b.initializer('w', f32([5, 4], 1))]), b.initializer('per_row', f32([4, 1], 2))]), 'float32', [4, 4]);
    expect(await expectUnchanged(b, fuseMatMulAdd, { a: f32([4, 5], 3) })).toEqual(['MatMul', 'Add']);
  });

  it('does not fuse when the MatMul output has a second reader', async () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', [4, 5]);
    const mm = b.op('MatMul', [a, b.initializer('w', f32([5, 6], 1))]);
    b.output(b.op('Add', [mm, b.initializer('bias', f32([6], 2))]), 'float32', [4, 6]);
    b.output(b.op('Neg', [mm]), 'float32', [4, 6]);
    expect(await expectUnchanged(b, fuseMatMulAdd, { a: f32([4, 5], 3) })).toContain('Add');
  });
});

describe('fuse-attention', () => {
  // the second-reader, non-constant scale and Softmax-axis near misses are in fuse-attention.test.ts
  it('does not fuse a scale that is an initializer a feed can override', async () => {
    const b = new GraphBuilder();
    const q = b.input('q', 'float32', [2, 5, 8]), k = b.input('k', 'float32', [2, 7, 8]), v = b.input('v', 'float32', [2, 7, 4]);
    const scores = b.op('MatMul', [q, b.op('Transpose', [k], { perm: [0, 2, 1] })]);
    const scaled = b.op('Div', [scores, overridable(b, 'sqrt_d', scalar(Math.sqrt(8)))]);
    b.output(b.op('MatMul', [b.op('Softmax', [scaled], { axis: -1 }), v]), 'float32', [2, 5, 4]);
    const feeds = { q: f32([2, 5, 8], 1), k: f32([2, 7, 8], 2), v: f32([2, 7, 4], 3), sqrt_d: scalar(0.5) };
    expect(await expectUnchanged(b, fuseAttention, feeds)).toContain('Softmax');
  });

  it('does not fuse when the mask widens the query axis of the scores', async () => {
    const b = new GraphBuilder();
    const q = b.input('q', 'float32', [2, 3, 1, 8]), k = b.input('k', 'float32', [2, 3, 7, 8]), v = b.input('v', 'float32', [2, 3, 7, 4]);
    // scores [2, 3, 1, 7] + mask [2, 1, 5, 7] is [2, 3, 5, 7]: five query rows out of one
    const mask = b.input('mask', 'float32', [2, 1, 5, 7]);
    const scores = b.op('MatMul', [q, b.op('Transpose', [k], { perm: [0, 1, 3, 2] })]);
    b.output(b.op('MatMul', [b.op('Softmax', [b.op('Add', [scores, mask])], { axis: -1 }), v]), 'float32', [2, 3, 5, 4]);
    const feeds = { q: f32([2, 3, 1, 8], 1), k: f32([2, 3, 7, 8], 2), v: f32([2, 3, 7, 4], 3), mask: f32([2, 1, 5, 7], 4) };
    expect(await expectUnchanged(b, fuseAttention, feeds)).toContain('Softmax');
  });
});

/**
 * x -> Q -> DQ -> Conv(DQ(int8 w per channel), DQ(int32 bias)) -> [activation] -> Q -> DQ:
 * the QDQ form fuse-qdq turns into QLinearConv, with the parts a near miss changes.
 */
function qdqConv(o: { biasScale?: number; clipMax?: number; yZero?: number } = {}): GraphBuilder {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 4, 4]);
  const u8 = (v: number) => new Tensor('uint8', [v], []);
  const xq = b.op('QuantizeLinear', [x, b.initializer('xs', scalar(0.02)), b.initializer('xz', u8(128))]);
  const xd = b.op('DequantizeLinear', [xq, 'xs', 'xz']);
  const w = b.initializer('w', new Tensor('int8', Int8Array.from({ length: 4 * 27 }, (_, i) => (i * 37) % 255 - 127), [4, 3, 3, 3]));
  const ws = b.initializer('ws', new Tensor('float32', [0.01, 0.02, 0.03, 0.04], [4]));
  const wd = b.op('DequantizeLinear', [w, ws, b.initializer('wz', new Tensor('int8', new Int8Array(4), [4]))], { axis: 0 });
  const bs = b.initializer('bs', new Tensor('float32', [0.01, 0.02, 0.03, 0.04].map((v) => Math.fround(0.02 * v) * (o.biasScale ?? 1)), [4]));
  const bd = b.op('DequantizeLinear', [b.initializer('bq', new Tensor('int32', [100, -200, 300, -400], [4])), bs], { axis: 0 });
  let y = b.op('Conv', [xd, wd, bd], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
  if (o.clipMax !== undefined) y = b.op('Clip', [y, b.initializer('lo', scalar(0)), b.initializer('hi', scalar(o.clipMax))]);
  const yq = b.op('QuantizeLinear', [y, b.initializer('ys', scalar(0.05)), b.initializer('yz', u8(o.yZero ?? 0))]);
  b.output(b.op('DequantizeLinear', [yq, 'ys', 'yz']), 'float32', [1, 4, 4, 4]);
  return b;
}

describe('fuse-qdq', () => {
  it('fuses the QDQ Conv with a Clip its output range already implies (the positive case the near misses below change)', async () => {
    const run = await runPassAlone(qdqConv({ clipMax: 20 }), fuseQdq);
    expect(run.changed).toBe(true);
    expect(run.after.filter((n) => n.startsWith(':QLinearConv('))).toHaveLength(1);
    expect(run.after.filter((n) => n.startsWith(':Clip('))).toHaveLength(0);
  });

  it('does not drop a Clip whose upper bound falls inside the quantized range', async () => {
    // 0.5 / 0.05 = 10 < 255: the Clip changes values Q would keep
    await expectUnchanged(qdqConv({ clipMax: 0.5 }), fuseQdq, img());
  });

  it('does not drop a Relu-like lower bound when the zero point is above the type\'s low end', async () => {
    await expectUnchanged(qdqConv({ clipMax: 20, yZero: 10 }), fuseQdq, img());
  });

  it('does not fuse a bias whose scale is not x_scale * w_scale', async () => {
    await expectUnchanged(qdqConv({ biasScale: 2 }), fuseQdq, img());
  });
});

/** The q8 matmul quantizers write, with the near misses' knobs. */
function q8MatMul(o: { castTo?: number; aScaleDims?: number[]; scaleOutput?: boolean } = {}): GraphBuilder {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [3, 8]);
  b.node('DynamicQuantizeLinear', [x], {}, { outputs: ['xq', 'xs', 'xz'] });
  // a per-row scale instead of DynamicQuantizeLinear's one value
  const xs = o.aScaleDims ? b.input('rows', 'float32', o.aScaleDims) : 'xs';
  const w = b.initializer('w', new Tensor('int8', Int8Array.from({ length: 8 * 4 }, (_, i) => (i * 29) % 255 - 127), [8, 4]));
  const acc = b.op('MatMulInteger', ['xq', w, 'xz', b.initializer('wz', new Tensor('int8', Int8Array.from([1]), []))]);
  const accf = b.op('Cast', [acc], { to: o.castTo ?? 1 });
  const scale = b.op('Mul', [xs, b.initializer('ws', new Tensor('float32', [0.01, 0.02, 0.03, 0.04], [4]))]);
  if (o.scaleOutput) b.output(scale, 'float32');
  b.node('Add', [b.op('Mul', [accf, scale]), b.initializer('bias', f32([4], 3))], {}, { outputs: ['y'] });
  b.output('y', o.castTo === 11 ? 'float64' : 'float32');
  return b;
}
const q8Feeds = () => ({ x: f32([3, 8], 5) });

describe('fuse-matmul-integer-to-float', () => {
  it('fuses MatMulInteger, Cast, the scale Mul and the bias Add (the positive case the near misses below change)', async () => {
    const run = await runPassAlone(q8MatMul(), fuseMatMulIntegerToFloat, { '': 13 });
    expect(run.changed).toBe(true);
    expect(run.after.filter((n) => n.startsWith('com.microsoft:MatMulIntegerToFloat(xq,w,xs,ws,xz,wz,bias)->y'))).toHaveLength(1);
    expect(run.after.some((n) => /:(Cast|Add)\(/.test(n))).toBe(false);
    expect(await optimizeAndCompare(q8MatMul(), q8Feeds(), 'all', { '': 13 })).toEqual(['DynamicQuantizeLinear', 'MatMulIntegerToFloat']);
  });

  it('keeps a scale product another reader needs', async () => {
    const ops = await optimizeAndCompare(q8MatMul({ scaleOutput: true }), q8Feeds(), 'all', { '': 13 });
    expect(ops).toEqual(['DynamicQuantizeLinear', 'MatMulIntegerToFloat', 'Mul']);
  });

  it('does not fuse a Cast to another type than float', async () => {
    const b = q8MatMul({ castTo: 11 });
    const run = await runPassAlone(b, fuseMatMulIntegerToFloat, { '': 13 });
    expect(run.changed).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  it('does not fuse an a_scale of more than one value', async () => {
    await expectUnchanged(q8MatMul({ aScaleDims: [3, 1] }), fuseMatMulIntegerToFloat, { ...q8Feeds(), rows: f32([3, 1], 6) }, { '': 13 });
  });
});
