// The ai.onnx.ml ops that the ONNX backend suite does not cover, on small hand-checked models.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { type AttributeInput, GraphBuilder, floatAttr } from '../../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import type { OnnxValue } from '../../data/tensor.js';

const ML = 'ai.onnx.ml';

async function run(op: string, attrs: Record<string, AttributeInput>, feed: Tensor, outputs = 1): Promise<OnnxValue[]> {
  const b = new GraphBuilder();
  b.input('x', feed.type, [...feed.dims]);
  const names = Array.from({ length: outputs }, (_, i) => `y${i}`);
  b.node(op, ['x'], attrs, { outputs: names, domain: ML });
  for (const n of names) b.output(n);
  const model = b.model({ '': 17, [ML]: 3 });
  const session = await InferenceSession.create(encodeModel(model));
  const out = await session.run({ x: feed } as never);
  return names.map((n) => out[n]);
}

const f32 = (values: number[], dims = [values.length]) => new Tensor('float32', Float32Array.from(values), dims);
const i64 = (values: number[], dims = [values.length]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
const nums = (v: OnnxValue) => Array.from((v as Tensor).data as ArrayLike<number | bigint>, Number);
const close = (v: OnnxValue, expected: number[]) => nums(v).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));

describe('Normalizer', () => {
  it('normalizes each row by MAX, L1 or L2', async () => {
    const x = f32([1, -2, 2, 0, 0, 0], [2, 3]);
    close((await run('Normalizer', { norm: 'MAX' }, x))[0], [0.5, -1, 1, 0, 0, 0]);
    close((await run('Normalizer', { norm: 'L1' }, x))[0], [0.2, -0.4, 0.4, 0, 0, 0]);
    close((await run('Normalizer', { norm: 'L2' }, x))[0], [1 / 3, -2 / 3, 2 / 3, 0, 0, 0]);
  });
});

describe('Scaler, Imputer, Binarizer', () => {
  it('scales per feature', async () => {
    const [y] = await run('Scaler', { offset: [1, 2.5], scale: [2, 0.5] }, f32([1, 2.5, 3, 4.5], [2, 2]));
    expect((y as Tensor).type).toBe('float32');
    close(y, [0, 0, 4, 1]);
  });

  it('imputes NaNs per feature and integer sentinels', async () => {
    close((await run('Imputer', { imputed_value_floats: [9, 8], replaced_value_float: floatAttr(NaN) }, f32([NaN, 1, 2, NaN], [2, 2])))[0], [9, 1, 2, 8]);
    expect(nums((await run('Imputer', { imputed_value_int64s: [7], replaced_value_int64: -1 }, i64([-1, 3, -1])))[0])).toEqual([7, 3, 7]);
  });
});

describe('OneHotEncoder and CategoryMapper', () => {
  it('one-hot encodes integers (casting floats) and strings', async () => {
    const [y] = await run('OneHotEncoder', { cats_int64s: [3, 1, 7] }, f32([1, 7.9, 5]));
    expect((y as Tensor).dims).toEqual([3, 3]);
    expect(nums(y)).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0]);
    await expect(run('OneHotEncoder', { cats_strings: ['a'], zeros: 0 }, new Tensor('string', ['b'], [1]))).rejects.toThrow(/not one of the categories/);
  });

  it('maps strings and integers both ways', async () => {
    const attrs = { cats_strings: ['a', 'b'], cats_int64s: [10, 20], default_int64: 99, default_string: '?' };
    expect(nums((await run('CategoryMapper', attrs, new Tensor('string', ['b', 'z', 'a'], [3])))[0])).toEqual([20, 99, 10]);
    expect(((await run('CategoryMapper', attrs, i64([10, 5])))[0] as Tensor).data).toEqual(['a', '?']);
  });
});

describe('LabelEncoder', () => {
  it('version 1 maps strings to class positions and back', async () => {
    const b = new GraphBuilder();
    b.input('x', 'string', [3]);
    b.node('LabelEncoder', ['x'], { classes_strings: ['x', 'y'], default_int64: -5 }, { outputs: ['y'], domain: ML });
    b.output('y');
    const s = await InferenceSession.create(encodeModel(b.model({ '': 17, [ML]: 1 })));
    expect(nums((await s.run({ x: new Tensor('string', ['y', 'x', 'q'], [3]) })).y)).toEqual([1, 0, -5]);
  });

  it('version 2 maps floats (NaN included) to strings with a default', async () => {
    const [y] = await run('LabelEncoder', { keys_floats: [1.5, NaN], values_strings: ['one', 'nan'], default_string: 'none' }, f32([NaN, 1.5, 2]));
    expect((y as Tensor).data).toEqual(['nan', 'one', 'none']);
  });
});

describe('Linear models', () => {
  it('LinearRegressor computes one score per target', async () => {
    const [y] = await run('LinearRegressor', { coefficients: [1, 2, 3, -1], intercepts: [0.5, 1], targets: 2 }, f32([1, 1, 2, 0], [2, 2]));
    close(y, [3.5, 3, 2.5, 7]);
  });

  it('LinearClassifier picks the best class and applies the post transform', async () => {
    const [labels, scores] = await run('LinearClassifier', {
      coefficients: [1, 0, 0, 1], intercepts: [0, 0], classlabels_strings: ['a', 'b'], post_transform: 'SOFTMAX',
    }, f32([2, 1, 0, 3], [2, 2]), 2);
    expect((labels as Tensor).data).toEqual(['a', 'b']);
    const e = Math.exp(1);
    close(scores, [e / (e + 1), 1 / (e + 1), Math.exp(-3) / (1 + Math.exp(-3)), 1 / (1 + Math.exp(-3))]);
  });

  it('LinearClassifier with one coefficient row and two labels is binary', async () => {
    const [labels, scores] = await run('LinearClassifier', { coefficients: [1], intercepts: [-0.5], classlabels_ints: [0, 1] }, f32([2, 0], [2, 1]), 2);
    expect(nums(labels)).toEqual([1, 0]);
    close(scores, [-1.5, 1.5, 0.5, -0.5]);
  });
});

describe('SVM', () => {
  it('SVMRegressor with an RBF kernel sums the weighted kernels', async () => {
    const [y] = await run('SVMRegressor', {
      kernel_type: 'RBF', kernel_params: [0.5, 0, 0], support_vectors: [0, 0, 1, 1], coefficients: [1, -2],
      n_supports: 2, rho: [0.25],
    }, f32([1, 0], [1, 2]));
    close(y, [Math.exp(-0.5) - 2 * Math.exp(-0.5) + 0.25]);
  });

  it('SVMClassifier in linear mode scores each class', async () => {
    const [labels, scores] = await run('SVMClassifier', {
      coefficients: [1, 0, 0, 1, -1, -1], classlabels_ints: [5, 6, 7], rho: [0, 0, 0],
    }, f32([3, 1, -1, -2], [2, 2]), 2);
    expect(nums(labels)).toEqual([5, 7]);
    close(scores, [3, 1, -4, -1, -2, 3]);
  });

  it('SVMClassifier votes one-vs-one with support vectors', async () => {
    // two classes, one support vector each: decision = rho + c0·K(x, sv0) + c1·K(x, sv1)
    const [labels, scores] = await run('SVMClassifier', {
      kernel_type: 'LINEAR', support_vectors: [1, 0, 0, 1], vectors_per_class: [1, 1], coefficients: [1, -1],
      rho: [0], classlabels_ints: [0, 1],
    }, f32([2, 1, 0, 3], [2, 2]), 2);
    // x=(2,1): s = 2 − 1 = 1 > 0 → vote class 0; x=(0,3): s = −3 → class 1
    expect(nums(labels)).toEqual([0, 1]);
    close(scores, [-1, 1, 3, -3]);
  });
});

describe('Tree ensembles (ai.onnx.ml 1-3)', () => {
  // one tree: x0 <= 0.5 ? leaf 1 : leaf 2; a second tree that is a single leaf
  const nodes = {
    nodes_treeids: [0, 0, 0, 1], nodes_nodeids: [0, 1, 2, 0], nodes_featureids: [0, 0, 0, 0],
    nodes_modes: ['BRANCH_LEQ', 'LEAF', 'LEAF', 'LEAF'], nodes_values: [0.5, 0, 0, 0],
    nodes_truenodeids: [1, 0, 0, 0], nodes_falsenodeids: [2, 0, 0, 0],
  };

  it('TreeEnsembleRegressor sums leaf weights per target and adds base values', async () => {
    const [y] = await run('TreeEnsembleRegressor', {
      ...nodes, n_targets: 2, target_treeids: [0, 0, 1], target_nodeids: [1, 2, 0], target_ids: [0, 1, 0],
      target_weights: [10, 20, 1], base_values: [0.5, 0],
    }, f32([0, 1], [2, 1]));
    close(y, [11.5, 0, 1.5, 20]);
    const [avg] = await run('TreeEnsembleRegressor', {
      ...nodes, n_targets: 1, aggregate_function: 'AVERAGE', target_treeids: [0, 0, 1], target_nodeids: [1, 2, 0], target_ids: [0, 0, 0],
      target_weights: [10, 20, 2],
    }, f32([NaN, 1], [2, 1]));
    // NaN fails the comparison and goes to the false branch
    close(avg, [11, 11]);
  });

  it('TreeEnsembleClassifier votes per class and labels the best', async () => {
    const [labels, scores] = await run('TreeEnsembleClassifier', {
      ...nodes, class_treeids: [0, 0, 1], class_nodeids: [1, 2, 0], class_ids: [0, 2, 1], class_weights: [3, 3, 1],
      classlabels_strings: ['a', 'b', 'c'],
    }, f32([0, 1], [2, 1]), 2);
    expect((labels as Tensor).data).toEqual(['a', 'c']);
    close(scores, [3, 1, 0, 0, 1, 3]);
  });

  it('TreeEnsembleClassifier with weights for one class is binary', async () => {
    const [labels, scores] = await run('TreeEnsembleClassifier', {
      ...nodes, class_treeids: [0, 0], class_nodeids: [1, 2], class_ids: [0, 0], class_weights: [0.2, 0.9],
      classlabels_int64s: [4, 8],
    }, f32([0, 1], [2, 1]), 2);
    expect(nums(labels)).toEqual([4, 8]);
    close(scores, [0.8, 0.2, 0.1, 0.9]);
  });
});

describe('Vectorizers and ZipMap', () => {
  it('FeatureVectorizer concatenates, truncating or padding each input', async () => {
    const b = new GraphBuilder();
    b.input('a', 'float32', [2, 3]);
    b.input('c', 'int64', [2, 1]);
    b.node('FeatureVectorizer', ['a', 'c'], { inputdimensions: [2, 2] }, { outputs: ['y'], domain: ML });
    b.output('y');
    const s = await InferenceSession.create(encodeModel(b.model({ '': 17, [ML]: 1 })));
    const { y } = await s.run({ a: f32([1, 2, 3, 4, 5, 6], [2, 3]), c: i64([7, 8], [2, 1]) });
    expect((y as Tensor).dims).toEqual([2, 4]);
    expect(nums(y)).toEqual([1, 2, 7, 0, 4, 5, 8, 0]);
  });

  it('ZipMap turns rows into label → score maps', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [2, 2]);
    b.node('ZipMap', ['x'], { classlabels_strings: ['p', 'q'] }, { outputs: ['z'], domain: ML });
    b.output('z');
    const s = await InferenceSession.create(encodeModel(b.model({ '': 17, [ML]: 1 })));
    const { z } = await s.run({ x: f32([0.25, 0.75, 1, 0], [2, 2]) });
    const rows = z as unknown as Map<string, Tensor>[];
    expect(rows.length).toBe(2);
    expect(nums(rows[0].get('q')!)).toEqual([0.75]);
    expect(nums(rows[1].get('p')!)).toEqual([1]);
  });

  it('ArrayFeatureExtractor picks columns of the last axis', async () => {
    const b = new GraphBuilder();
    b.input('x', 'string', [2, 3]);
    b.input('i', 'int64', [2]);
    b.node('ArrayFeatureExtractor', ['x', 'i'], {}, { outputs: ['y'], domain: ML });
    b.output('y');
    const s = await InferenceSession.create(encodeModel(b.model({ '': 17, [ML]: 1 })));
    const { y } = await s.run({ x: new Tensor('string', ['a', 'b', 'c', 'd', 'e', 'f'], [2, 3]), i: i64([2, 0]) });
    expect((y as Tensor).data).toEqual(['c', 'a', 'f', 'd']);
  });
});
