// com.microsoft normalizations, activations and fusions (ops/microsoft/layer-ops.ts): values
// checked by hand, and the typed errors for bad attributes and inputs. The contrib conformance
// suite compares every op with onnxruntime on many more cases.
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidModelError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { type AttributeInput, toAttribute } from '../../graph/graph-builder.js';
import type { Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { KernelFn } from '../../ops/types.js';

const f32 = (values: number[], dims?: number[]) => new Tensor('float32', Float32Array.from(values), dims);
const i32 = (values: number[], dims?: number[]) => new Tensor('int32', Int32Array.from(values), dims);
const values = (t: Tensor | null) => Array.from((t as Tensor).data as Float32Array);

interface NodeSpec {
  domain?: string;
  opset?: number;
  attributes?: Record<string, AttributeInput>;
  /** How many outputs the node names (optional outputs beyond are omitted). */
  outputs?: number;
}

/** Creates the kernel for one node the way a session does (attribute errors surface here). */
function create(opType: string, inputCount: number, spec: NodeSpec = {}): KernelFn {
  const domain = spec.domain ?? MICROSOFT_DOMAIN;
  const node: Node = {
    name: 'n', opType, domain,
    inputs: Array.from({ length: inputCount }, (_, i) => `in${i}`),
    outputs: Array.from({ length: spec.outputs ?? 1 }, (_, i) => `out${i}`),
    attributes: new Map(Object.entries(spec.attributes ?? {}).map(([k, v]) => [k, toAttribute(v)])),
  };
  const opset = spec.opset ?? 1;
  const def = referenceOps.resolve(domain, opType, opset);
  if (!def) throw new Error(`${domain}.${opType} is not registered at opset ${opset}`);
  return def.create({ node, opset, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
}

async function run(opType: string, inputs: (Tensor | undefined)[], spec: NodeSpec = {}): Promise<(Tensor | null)[]> {
  const kernel = create(opType, inputs.length, spec);
  return (await kernel(inputs, { scope: { get: () => undefined, has: () => false } })) as (Tensor | null)[];
}

describe('SkipLayerNormalization', () => {
  it('normalizes input + skip + bias and reports mean, inv_std_var and the sum', async () => {
    // row [1,2,3,4] + bias 1 = [2,3,4,5]: mean 3.5, variance 1.25
    const [y, mean, invStd, sum] = await run('SkipLayerNormalization', [
      f32([1, 2, 3, 4], [1, 1, 4]), f32([0, 0, 0, 0], [1, 1, 4]), f32([1, 1, 1, 1]), f32([0, 0, 0, 10]), f32([1, 1, 1, 1]),
    ], { outputs: 4, attributes: { epsilon: 0.0 } });
    const s = 1 / Math.sqrt(1.25);
    values(y).forEach((v, i) => expect(v).toBeCloseTo([-1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s + 10][i], 5));
    expect(mean!.dims).toEqual([1, 1, 1]);
    expect(values(mean)).toEqual([3.5]);
    expect(values(invStd)[0]).toBeCloseTo(s, 6);
    expect(values(sum)).toEqual([2, 3, 4, 5]);
  });

  it('repeats a [S, H] skip over the batch', async () => {
    const [y] = await run('SkipLayerNormalization', [f32([0, 0, 0, 0], [2, 1, 2]), f32([1, 3], [1, 2]), f32([1, 1])]);
    values(y).forEach((v, i) => expect(v).toBeCloseTo([-1, 1, -1, 1][i], 5));
  });

  it('rejects a gamma of the wrong shape, a skip that does not fit, and a bad epsilon', async () => {
    const x = f32([1, 2, 3, 4], [1, 2, 2]);
    await expect(run('SkipLayerNormalization', [x, x, f32([1, 1, 1])])).rejects.toThrow(InvalidInputError);
    await expect(run('SkipLayerNormalization', [x, x, f32([1, 1, 1])])).rejects.toThrow(/gamma must have shape \[2\], got \[3\]/);
    await expect(run('SkipLayerNormalization', [x, f32([1, 2, 3, 4], [2, 1, 2]), f32([1, 1])])).rejects.toThrow(/skip must have shape/);
    await expect(run('SkipLayerNormalization', [f32([1], [1, 1, 1, 1]), f32([1], [1, 1, 1]), f32([1])])).rejects.toThrow(/input must have rank 2 or 3/);
    expect(() => create('SkipLayerNormalization', 3, { attributes: { epsilon: 'small' } })).toThrow(InvalidModelError);
    expect(() => create('SkipLayerNormalization', 3, { attributes: { epsilon: -0.5 } })).toThrow(/epsilon must be >= 0/);
  });

  it('SkipSimplifiedLayerNormalization divides by the root mean square, with mean 0', async () => {
    // [3, 4]: mean of squares 12.5
    const [y, mean, invStd] = await run('SkipSimplifiedLayerNormalization', [f32([3, 4], [1, 1, 2]), f32([0, 0], [1, 1, 2]), f32([1, 2])], { outputs: 3, attributes: { epsilon: 0.0 } });
    const r = Math.sqrt(12.5);
    values(y).forEach((v, i) => expect(v).toBeCloseTo([3 / r, 8 / r][i], 5));
    expect(values(mean)).toEqual([0]);
    expect(values(invStd)[0]).toBeCloseTo(1 / r, 6);
  });
});

describe('SimplifiedLayerNormalization and the contrib LayerNormalization (ai.onnx domain)', () => {
  it('normalizes over the axes from axis on, Y taking the scale type', async () => {
    const x = new Tensor('float16', Uint16Array.from([0x4200, 0x4400]), [1, 2]); // [3, 4]
    const [y, invStd] = await run('SimplifiedLayerNormalization', [x, f32([1, 1])], { domain: '', opset: 17, outputs: 2, attributes: { epsilon: 0.0 } });
    expect(y!.type).toBe('float32');
    values(y).forEach((v, i) => expect(v).toBeCloseTo([3 / Math.sqrt(12.5), 4 / Math.sqrt(12.5)][i], 5));
    expect(invStd!.dims).toEqual([1, 1]);
  });

  it('LayerNormalization is there before opset 17, with Mean and InvStdDev', async () => {
    const [y, mean] = await run('LayerNormalization', [f32([1, 3, 5, 7], [2, 2]), f32([2, 2]), f32([1, 1])], { domain: '', opset: 16, outputs: 2, attributes: { epsilon: 0.0 } });
    expect(values(y)).toEqual([-1, 3, -1, 3]);
    expect(values(mean)).toEqual([2, 6]);
  });

  it('rejects a scale that does not cover the normalized axes and a stash_type that is no float type', async () => {
    await expect(run('SimplifiedLayerNormalization', [f32([1, 2, 3, 4], [2, 2]), f32([1, 1, 1])], { domain: '', opset: 17 })).rejects.toThrow(/Scale must have the shape of X's normalized axes \[2\]/);
    expect(() => create('LayerNormalization', 2, { domain: '', opset: 16, attributes: { stash_type: 7 } })).toThrow(InvalidModelError);
  });
});

describe('EmbedLayerNormalization', () => {
  const word = f32([1, 0, 0, 1, 2, 2], [3, 2]);
  const pos = f32([0, 0, 1, -1], [2, 2]);
  const gamma = f32([1, 1]), beta = f32([0, 0]);

  it('sums word and position embeddings, normalizes, and counts the mask', async () => {
    // token 0 at position 0: [1,0] -> [1,-1]; token 2 at position 1: [2,2]+[1,-1] = [3,1] -> [1,-1]
    const [y, maskIndex, sum] = await run('EmbedLayerNormalization',
      [i32([0, 2], [1, 2]), undefined, word, pos, undefined, gamma, beta, i32([1, 0], [1, 2])], { outputs: 3, attributes: { epsilon: 0.0 } });
    expect(values(y)).toEqual([1, -1, 1, -1]);
    expect(Array.from(maskIndex!.data as Int32Array)).toEqual([1]);
    expect(values(sum)).toEqual([1, 0, 3, 1]);
  });

  it('rejects an id outside the vocabulary and ids that are not int32', async () => {
    await expect(run('EmbedLayerNormalization', [i32([0, 3], [1, 2]), undefined, word, pos, undefined, gamma, beta]))
      .rejects.toThrow(/input_ids value 3 is out of range \[0, 3\)/);
    await expect(run('EmbedLayerNormalization', [f32([0, 1], [1, 2]), undefined, word, pos, undefined, gamma, beta]))
      .rejects.toThrow(/input_ids must be int32, got float32/);
  });
});

describe('the Gelu family', () => {
  it('Gelu, FastGelu and QuickGelu at 1 and -1', async () => {
    const x = f32([1, -1]);
    const [gelu] = await run('Gelu', [x]);
    const [fast] = await run('FastGelu', [x]);
    const [quick] = await run('QuickGelu', [x]);
    values(gelu).forEach((v, i) => expect(v).toBeCloseTo([0.8413447, -0.1586553][i], 6));
    values(fast).forEach((v, i) => expect(v).toBeCloseTo([0.8411920, -0.1588080][i], 6));
    values(quick).forEach((v, i) => expect(v).toBeCloseTo([1 / (1 + Math.exp(-1.702)), -1 / (1 + Math.exp(1.702))][i], 6));
  });

  it('BiasGelu adds its bias along the last axis and checks its shape', async () => {
    const [y] = await run('BiasGelu', [f32([0, 0, 0, 0], [2, 2]), f32([1, -1])]);
    values(y).forEach((v, i) => expect(v).toBeCloseTo([0.8413447, -0.1586553, 0.8413447, -0.1586553][i], 6));
    await expect(run('BiasGelu', [f32([0, 0, 0, 0], [2, 2]), f32([1, 1, 1])])).rejects.toThrow(/bias must have shape \[2\], got \[3\]/);
  });

  it('BiasSplitGelu multiplies the left half by Gelu of the right half; D must be even', async () => {
    const [y] = await run('BiasSplitGelu', [f32([2, 1], [1, 1, 2]), f32([0, 0])]);
    expect(values(y)[0]).toBeCloseTo(2 * 0.8413447, 6);
    await expect(run('BiasSplitGelu', [f32([1, 2, 3], [1, 1, 3]), f32([0, 0, 0])])).rejects.toThrow(/must be even/);
  });

  it('BiasSoftmax needs is_inner_broadcast', () => {
    expect(() => create('BiasSoftmax', 2)).toThrow(/missing required attribute "is_inner_broadcast"/);
  });
});

describe('onnxruntime fusions', () => {
  it('FusedConv adds Z before the activation', async () => {
    // 1x1 convolution with weight 2 and bias -1, plus Z, then Relu
    const [y] = await run('FusedConv', [f32([1, 2, 3], [1, 1, 1, 3]), f32([2], [1, 1, 1, 1]), f32([-1]), f32([-2, -4, 0], [1, 1, 1, 3])], {
      attributes: { activation: 'Relu', kernel_shape: [1, 1] },
    });
    expect(values(y)).toEqual([0, 0, 5]);
  });

  it('FusedConv takes onnxruntime activations with exactly their parameters', () => {
    expect(() => create('FusedConv', 2, { attributes: { activation: 'Gelu' } })).toThrow(/unsupported activation "Gelu"/);
    expect(() => create('FusedConv', 2, { attributes: { activation: 'Clip' } })).toThrow(/missing required attribute "activation_params"/);
    expect(() => create('FusedConv', 2, { attributes: { activation: 'LeakyRelu', activation_params: [0.1, 0.2] } })).toThrow(/takes 1 activation_params, got 2/);
  });

  it('FusedMatMul reads transBatchA as axis 0 moved in front of the last axis', async () => {
    // A [2,1,2] read as [1,2,2]: rows a[0,0,:] and a[1,0,:]
    const [y] = await run('FusedMatMul', [f32([1, 2, 3, 4], [2, 1, 2]), f32([1, 0, 0, 1], [2, 2])], { attributes: { transBatchA: 1, alpha: 0.5 } });
    expect(y!.dims).toEqual([1, 2, 2]);
    expect(values(y)).toEqual([0.5, 1, 1.5, 2]);
  });

  it('FusedGemm applies its activation and needs the activation parameters', async () => {
    const [y] = await run('FusedGemm', [f32([1, -1], [1, 2]), f32([1, 0, 0, 1], [2, 2])], { attributes: { activation: 'LeakyRelu', activation_alpha: 0.5 } });
    expect(values(y)).toEqual([1, -0.5]);
    expect(() => create('FusedGemm', 2, { attributes: { activation: 'LeakyRelu' } })).toThrow(/missing required attribute "activation_alpha"/);
  });

  it('NhwcMaxPool pools a channels-last tensor', async () => {
    const x = new Tensor('uint8', Uint8Array.from([1, 8, 2, 7, 3, 6, 4, 5]), [1, 2, 2, 2]);
    const [y] = await run('NhwcMaxPool', [x], { attributes: { kernel_shape: [2, 2] } });
    expect(y!.dims).toEqual([1, 1, 1, 2]);
    expect(Array.from(y!.data as Uint8Array)).toEqual([4, 8]);
  });
});
