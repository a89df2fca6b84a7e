// Contrib conformance cases for com.microsoft normalizations, activations and onnxruntime's
// fusions (ops/microsoft/layer-ops.ts). Each case's data comes from a generator seeded by its
// name, so cases can be added without changing the others' files.
import type { DataType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { type AttributeInput, floatAttr } from '../../graph/graph-builder.js';
import type { ContribCase } from './contrib-case.js';
import { randomFor, type SeededRandom } from './seeded-random.js';
import { type NodeInput, singleNodeCase } from './single-node.js';

type Float = 'float32' | 'float16';

interface Spec {
  op: string;
  domain?: string;
  opset?: number;
  attributes?: Record<string, AttributeInput>;
  /** Input names and tensors in node order; null skips an optional input. */
  inputs: (NodeInput | null)[];
  /** Output names and types in node order; '' skips an optional output. */
  outputs: [string, DataType][];
  tolerance?: { rtol: number; atol: number };
}

/** A single-node case whose data comes from the generator seeded by the case's name. */
function make(name: string, build: (r: SeededRandom) => Spec): ContribCase {
  const s = build(randomFor(name));
  return singleNodeCase({
    name, op: s.op, domain: s.domain, opset: s.opset, attributes: s.attributes, inputs: s.inputs,
    outputs: s.outputs.map(([n, type]) => ({ name: n, type })), tolerance: s.tolerance,
  });
}

const fed = (name: string, value: Tensor): NodeInput => ({ name, value });
const constant = (name: string, value: Tensor): NodeInput => ({ name, value, constant: true });
const statType = (t: Float): DataType => (t === 'float16' ? 'float32' : t);

// --- SkipLayerNormalization, SkipSimplifiedLayerNormalization --------------------------------

interface SkipNorm {
  type?: Float;
  input?: number[];
  skip?: number[];
  beta?: boolean;
  bias?: boolean;
  /** Request mean, inv_std_var and input_skip_bias_sum too. */
  allOutputs?: boolean;
  epsilon?: number;
}

function skipNorm(name: string, simplified: boolean, o: SkipNorm): ContribCase {
  return make(name, (r) => {
    const type = o.type ?? 'float32';
    const input = o.input ?? [2, 3, 8];
    const h = input[input.length - 1];
    const inputs: (NodeInput | null)[] = [
      fed('input', r.floats(type, input, -2, 2)), fed('skip', r.floats(type, o.skip ?? input, -2, 2)),
      fed('gamma', r.floats(type, [h], 0.5, 1.5)),
    ];
    if (!simplified) inputs.push(o.beta === false ? null : fed('beta', r.floats(type, [h])));
    inputs.push(o.bias ? fed('bias', r.floats(type, [h])) : null);
    const outputs: [string, DataType][] = [['output', type]];
    if (o.allOutputs) outputs.push(['mean', statType(type)], ['inv_std_var', statType(type)], ['input_skip_bias_sum', type]);
    return {
      op: simplified ? 'SkipSimplifiedLayerNormalization' : 'SkipLayerNormalization',
      attributes: { epsilon: floatAttr(o.epsilon ?? 1e-5) }, inputs, outputs,
    };
  });
}

const skipLayerNormCases = [
  skipNorm('test_skiplayernormalization_float32', false, {}),
  skipNorm('test_skiplayernormalization_bias_all_outputs_float32', false, { bias: true, allOutputs: true }),
  skipNorm('test_skiplayernormalization_no_beta_float32', false, { beta: false }),
  skipNorm('test_skiplayernormalization_skip_batch1_float32', false, { skip: [1, 3, 8], bias: true }),
  skipNorm('test_skiplayernormalization_skip_2d_float32', false, { skip: [3, 8] }),
  skipNorm('test_skiplayernormalization_input_2d_float32', false, { input: [4, 16], allOutputs: true }),
  skipNorm('test_skiplayernormalization_epsilon_float32', false, { epsilon: 0.5 }),
  skipNorm('test_skiplayernormalization_float16', false, { type: 'float16' }),
  skipNorm('test_skiplayernormalization_bias_all_outputs_float16', false, { type: 'float16', bias: true, allOutputs: true }),
  skipNorm('test_skipsimplifiedlayernormalization_float32', true, {}),
  skipNorm('test_skipsimplifiedlayernormalization_bias_all_outputs_float32', true, { bias: true, allOutputs: true }),
  skipNorm('test_skipsimplifiedlayernormalization_skip_2d_float32', true, { skip: [3, 8], bias: true }),
  skipNorm('test_skipsimplifiedlayernormalization_input_2d_float32', true, { input: [4, 16], epsilon: 0.25 }),
  skipNorm('test_skipsimplifiedlayernormalization_float16', true, { type: 'float16' }),
  skipNorm('test_skipsimplifiedlayernormalization_bias_all_outputs_float16', true, { type: 'float16', bias: true, allOutputs: true }),
];

// --- LayerNormalization (contrib, ai.onnx before 17), SimplifiedLayerNormalization ------------

interface AxisNorm {
  x?: number[];
  type?: Float;
  /** Scale/B/Y type (default: X's). */
  scaleType?: Float;
  axis?: number;
  epsilon?: number;
  bias?: boolean;
  stats?: boolean;
  stashType?: number;
}

function axisNorm(name: string, simplified: boolean, o: AxisNorm): ContribCase {
  return make(name, (r) => {
    const type = o.type ?? 'float32', scaleType = o.scaleType ?? type;
    const x = o.x ?? [2, 3, 8];
    const axis = o.axis ?? -1;
    const a = axis < 0 ? axis + x.length : axis;
    const trailing = x.slice(a);
    const inputs: (NodeInput | null)[] = [fed('X', r.floats(type, x, -2, 2)), fed('Scale', r.floats(scaleType, trailing, 0.5, 1.5))];
    if (!simplified) inputs.push(o.bias ? fed('B', r.floats(scaleType, trailing)) : null);
    const outputs: [string, DataType][] = [['Y', scaleType]];
    if (o.stats) {
      if (!simplified) outputs.push(['Mean', 'float32']);
      outputs.push(['InvStdDev', 'float32']);
    }
    const attributes: Record<string, AttributeInput> = { epsilon: floatAttr(o.epsilon ?? 1e-5) };
    if (o.axis !== undefined) attributes.axis = o.axis;
    if (o.stashType !== undefined) attributes.stash_type = o.stashType;
    return {
      op: simplified ? 'SimplifiedLayerNormalization' : 'LayerNormalization',
      domain: '', opset: simplified ? 17 : 16, attributes, inputs, outputs,
    };
  });
}

const axisNormCases = [
  axisNorm('test_layernormalization_contrib_float32', false, { bias: true, stats: true }),
  axisNorm('test_layernormalization_contrib_axis1_float32', false, { axis: 1, stats: true }),
  axisNorm('test_layernormalization_contrib_epsilon_float32', false, { x: [3, 5], bias: true, epsilon: 0.3 }),
  axisNorm('test_layernormalization_contrib_float16', false, { type: 'float16', bias: true, stats: true }),
  axisNorm('test_layernormalization_contrib_float16_scale_float32', false, { type: 'float16', scaleType: 'float32', bias: true }),
  axisNorm('test_simplifiedlayernormalization_float32', true, { stats: true }),
  axisNorm('test_simplifiedlayernormalization_axis1_float32', true, { x: [2, 3, 4], axis: 1, stats: true }),
  axisNorm('test_simplifiedlayernormalization_epsilon_float32', true, { x: [4, 6], epsilon: 0.5 }),
  axisNorm('test_simplifiedlayernormalization_float16', true, { type: 'float16', stats: true }),
  axisNorm('test_simplifiedlayernormalization_float16_scale_float32', true, { type: 'float16', scaleType: 'float32' }),
  axisNorm('test_simplifiedlayernormalization_float32_scale_float16', true, { type: 'float32', scaleType: 'float16' }),
  axisNorm('test_simplifiedlayernormalization_stash_type_float16', true, { type: 'float16', stats: true, stashType: 1 }),
];

// --- EmbedLayerNormalization ---------------------------------------------------------------

interface Embed {
  type?: Float;
  segments?: boolean;
  maskIndexType?: number;
  mask?: boolean;
  /** Shape of position_ids: [B,S], [1,S], or none (positions 0..S-1). */
  positionIds?: 'batch' | 'one';
  embeddingSum?: boolean;
  epsilon?: number;
}

function embedNorm(name: string, o: Embed): ContribCase {
  return make(name, (r) => {
    const type = o.type ?? 'float32';
    const [b, s, h, vocab, maxPos, types] = [2, 5, 8, 11, 7, 3];
    const inputs: (NodeInput | null)[] = [
      fed('input_ids', r.int32([b, s], 0, vocab - 1)),
      o.segments === false ? null : fed('segment_ids', r.int32([b, s], 0, types - 1)),
      constant('word_embedding', r.floats(type, [vocab, h])),
      constant('position_embedding', r.floats(type, [maxPos, h])),
      o.segments === false ? null : constant('segment_embedding', r.floats(type, [types, h])),
      constant('gamma', r.floats(type, [h], 0.5, 1.5)),
      constant('beta', r.floats(type, [h])),
      o.mask ? fed('mask', new Tensor('int32', Int32Array.from([1, 1, 1, 0, 0, 1, 1, 1, 1, 1]), [b, s])) : null,
      o.positionIds ? fed('position_ids', r.int32([o.positionIds === 'batch' ? b : 1, s], 0, maxPos - 1)) : null,
    ];
    const outputs: [string, DataType][] = [['output', type], ['mask_index', 'int32']];
    if (o.embeddingSum) outputs.push(['embedding_sum', type]);
    const attributes: Record<string, AttributeInput> = { epsilon: floatAttr(o.epsilon ?? 1e-12) };
    if (o.maskIndexType !== undefined) attributes.mask_index_type = o.maskIndexType;
    return { op: 'EmbedLayerNormalization', attributes, inputs, outputs };
  });
}

const embedCases = [
  embedNorm('test_embedlayernormalization_float32', { mask: true }),
  embedNorm('test_embedlayernormalization_no_mask_float32', {}),
  embedNorm('test_embedlayernormalization_no_segment_float32', { segments: false, mask: true }),
  embedNorm('test_embedlayernormalization_position_ids_float32', { positionIds: 'batch', mask: true }),
  embedNorm('test_embedlayernormalization_position_ids_broadcast_float32', { positionIds: 'one' }),
  embedNorm('test_embedlayernormalization_embedding_sum_float32', { mask: true, embeddingSum: true, epsilon: 1e-5 }),
  embedNorm('test_embedlayernormalization_mask_index_type0_float32', { mask: true, maskIndexType: 0 }),
  embedNorm('test_embedlayernormalization_float16', { type: 'float16', mask: true }),
];

// --- Gelu family, BiasAdd, BiasSplitGelu, BiasSoftmax --------------------------------------------

function unary(name: string, op: string, type: Float, dims: number[], o: { bias?: boolean; attributes?: Record<string, AttributeInput>; lo?: number; hi?: number } = {}): ContribCase {
  return make(name, (r) => ({
    op, attributes: o.attributes,
    inputs: [fed('X', r.floats(type, dims, o.lo ?? -4, o.hi ?? 4)), o.bias ? fed('bias', r.floats(type, [dims[dims.length - 1]])) : null],
    outputs: [['Y', type]],
  }));
}

const activationCases = [
  unary('test_gelu_contrib_float32', 'Gelu', 'float32', [2, 3, 8]),
  unary('test_gelu_contrib_wide_range_float32', 'Gelu', 'float32', [64], { lo: -12, hi: 12 }),
  unary('test_gelu_contrib_float16', 'Gelu', 'float16', [2, 3, 8]),
  unary('test_biasgelu_float32', 'BiasGelu', 'float32', [2, 3, 8], { bias: true }),
  unary('test_biasgelu_2d_float32', 'BiasGelu', 'float32', [5, 6], { bias: true }),
  unary('test_biasgelu_float16', 'BiasGelu', 'float16', [2, 3, 8], { bias: true }),
  unary('test_fastgelu_float32', 'FastGelu', 'float32', [2, 3, 8]),
  unary('test_fastgelu_bias_float32', 'FastGelu', 'float32', [2, 3, 8], { bias: true }),
  unary('test_fastgelu_wide_range_float32', 'FastGelu', 'float32', [64], { lo: -12, hi: 12 }),
  unary('test_fastgelu_float16', 'FastGelu', 'float16', [2, 3, 8]),
  unary('test_fastgelu_bias_float16', 'FastGelu', 'float16', [2, 3, 8], { bias: true }),
  unary('test_quickgelu_float32', 'QuickGelu', 'float32', [2, 3, 8]),
  unary('test_quickgelu_alpha_float32', 'QuickGelu', 'float32', [2, 3, 8], { attributes: { alpha: floatAttr(1) } }),
  unary('test_quickgelu_wide_range_float32', 'QuickGelu', 'float32', [64], { lo: -60, hi: 60 }),
  unary('test_quickgelu_float16', 'QuickGelu', 'float16', [2, 3, 8], { attributes: { alpha: 1.5 } }),
  ...(['float32', 'float16'] as Float[]).map((type) => make(`test_biasadd_${type}`, (r) => ({
    op: 'BiasAdd',
    inputs: [fed('X', r.floats(type, [2, 3, 32])), fed('bias', r.floats(type, [32])), fed('skip', r.floats(type, [2, 3, 32]))],
    outputs: [['Y', type]],
  }))),
  ...(['float32', 'float16'] as Float[]).map((type) => make(`test_biassplitgelu_${type}`, (r) => ({
    op: 'BiasSplitGelu',
    inputs: [fed('X', r.floats(type, [2, 3, 16], -3, 3)), fed('bias', r.floats(type, [16]))],
    outputs: [['Y', type]],
  }))),
  make('test_biassoftmax_outer_broadcast_float32', (r) => ({
    op: 'BiasSoftmax', attributes: { axis: 2, is_inner_broadcast: 0 },
    inputs: [fed('data', r.float32([2, 2, 3, 5], -3, 3)), fed('bias', r.float32([2, 3, 5], -3, 3))],
    outputs: [['output', 'float32']],
  })),
  make('test_biassoftmax_inner_broadcast_float32', (r) => ({
    op: 'BiasSoftmax', attributes: { axis: 3, is_inner_broadcast: 1 },
    inputs: [fed('data', r.float32([2, 2, 3, 5], -3, 3)), fed('bias', r.float32([2, 1, 1, 5], -3, 3))],
    outputs: [['output', 'float32']],
  })),
  make('test_biassoftmax_float16', (r) => ({
    op: 'BiasSoftmax', attributes: { axis: -1, is_inner_broadcast: 0 },
    inputs: [fed('data', r.float16([2, 3, 5], -3, 3)), fed('bias', r.float16([3, 5], -3, 3))],
    outputs: [['output', 'float16']],
  })),
];

// --- FusedConv ---------------------------------------------------------------------------------

interface Conv {
  type?: Float;
  x?: number[];
  w?: number[];
  bias?: boolean;
  sum?: boolean;
  activation?: string;
  params?: number[];
  conv?: Record<string, AttributeInput>;
}

function fusedConv(name: string, o: Conv): ContribCase {
  return make(name, (r) => {
    const type = o.type ?? 'float32';
    const x = o.x ?? [1, 3, 6, 6], w = o.w ?? [4, 3, 3, 3];
    const attributes: Record<string, AttributeInput> = { kernel_shape: w.slice(2), ...o.conv };
    if (o.activation) attributes.activation = o.activation;
    if (o.params) attributes.activation_params = { type: 'floats', value: o.params };
    const inputs: (NodeInput | null)[] = [fed('X', r.floats(type, x)), constant('W', r.floats(type, w, -0.5, 0.5)), o.bias ? constant('B', r.floats(type, [w[0]])) : null];
    if (o.sum) {
      // Z has the output's shape: the geometry below keeps spatial size with pads 1 and stride 1
      inputs.push(fed('Z', r.floats(type, [x[0], w[0], ...x.slice(2)])));
    }
    return { op: 'FusedConv', attributes, inputs, outputs: [['Y', type]] };
  });
}

const same = { pads: [1, 1, 1, 1] };
const convCases = [
  fusedConv('test_fusedconv_relu_float32', { activation: 'Relu', bias: true }),
  fusedConv('test_fusedconv_no_activation_float32', { bias: true, conv: same }),
  fusedConv('test_fusedconv_clip_float32', { activation: 'Clip', params: [-0.2, 0.4], bias: true, conv: { strides: [2, 2], pads: [1, 1, 1, 1] } }),
  fusedConv('test_fusedconv_leakyrelu_float32', { activation: 'LeakyRelu', params: [0.1], conv: { dilations: [2, 2] } }),
  fusedConv('test_fusedconv_hardsigmoid_float32', { activation: 'HardSigmoid', params: [0.3, 0.6], bias: true }),
  fusedConv('test_fusedconv_sigmoid_float32', { activation: 'Sigmoid', bias: true }),
  fusedConv('test_fusedconv_tanh_float32', { activation: 'Tanh' }),
  fusedConv('test_fusedconv_silu_float32', { activation: 'Silu', bias: true }),
  fusedConv('test_fusedconv_sum_relu_float32', { activation: 'Relu', bias: true, sum: true, conv: same }),
  fusedConv('test_fusedconv_sum_no_bias_float32', { activation: 'LeakyRelu', params: [0.2], sum: true, conv: same }),
  fusedConv('test_fusedconv_depthwise_clip_float32', { x: [1, 4, 5, 5], w: [4, 1, 3, 3], activation: 'Clip', params: [0, 6], bias: true, conv: { group: 4, ...same } }),
  fusedConv('test_fusedconv_auto_pad_relu_float32', { activation: 'Relu', conv: { auto_pad: 'SAME_UPPER', strides: [2, 2] } }),
  fusedConv('test_fusedconv_1d_relu_float32', { x: [2, 3, 9], w: [2, 3, 3], activation: 'Relu', bias: true }),
  fusedConv('test_fusedconv_relu_float16', { type: 'float16', activation: 'Relu', bias: true }),
  fusedConv('test_fusedconv_sum_clip_float16', { type: 'float16', activation: 'Clip', params: [0, 6], bias: true, sum: true, conv: same }),
];

// --- FusedMatMul -------------------------------------------------------------------------------

function fusedMatMul(name: string, a: number[], b: number[], attributes: Record<string, AttributeInput>, type: Float = 'float32'): ContribCase {
  return make(name, (r) => ({ op: 'FusedMatMul', attributes, inputs: [fed('A', r.floats(type, a)), fed('B', r.floats(type, b))], outputs: [['Y', type]] }));
}

const matMulCases = [
  fusedMatMul('test_fusedmatmul_2d_float32', [3, 4], [4, 5], {}),
  fusedMatMul('test_fusedmatmul_alpha_float32', [2, 3, 4], [4, 5], { alpha: 0.125 }),
  fusedMatMul('test_fusedmatmul_transa_float32', [2, 4, 3], [2, 4, 5], { transA: 1 }),
  fusedMatMul('test_fusedmatmul_transb_float32', [2, 3, 4], [5, 4], { transB: 1, alpha: floatAttr(-2) }),
  fusedMatMul('test_fusedmatmul_transa_transb_float32', [4, 3], [5, 4], { transA: 1, transB: 1 }),
  fusedMatMul('test_fusedmatmul_broadcast_batch_float32', [2, 1, 3, 4], [3, 4, 2], {}),
  fusedMatMul('test_fusedmatmul_1d_float32', [4], [2, 4, 3], { transA: 1 }),
  fusedMatMul('test_fusedmatmul_transbatcha_float32', [3, 2, 4], [2, 4, 5], { transBatchA: 1 }),
  fusedMatMul('test_fusedmatmul_transbatchb_float32', [2, 3, 4], [4, 2, 5], { transBatchB: 1 }),
  fusedMatMul('test_fusedmatmul_transbatcha_transa_float32', [4, 2, 3], [2, 4, 5], { transBatchA: 1, transA: 1 }),
  // the attention-score form onnxruntime writes for a transformer encoder: Q·Kᵀ/√d from [S,B·H,d] tensors
  fusedMatMul('test_fusedmatmul_attention_scores_float32', [5, 4, 8], [6, 4, 8], { transBatchA: 1, transBatchB: 1, transB: 1, alpha: 0.125 }),
  fusedMatMul('test_fusedmatmul_transbatch_4d_float32', [3, 2, 2, 4], [2, 2, 4, 5], { transBatchA: 1 }),
  fusedMatMul('test_fusedmatmul_float16', [2, 3, 4], [2, 4, 5], { alpha: 0.5 }, 'float16'),
  fusedMatMul('test_fusedmatmul_transb_float16', [3, 4], [5, 4], { transB: 1 }, 'float16'),
];

// --- FusedGemm ---------------------------------------------------------------------------------

function fusedGemm(name: string, o: { activation?: string; params?: Record<string, number>; gemm?: Record<string, AttributeInput>; c?: number[]; type?: Float; transA?: boolean; transB?: boolean }): ContribCase {
  return make(name, (r) => {
    const type = o.type ?? 'float32';
    const [m, k, n] = [3, 4, 5];
    const attributes: Record<string, AttributeInput> = { ...o.gemm };
    if (o.transA) attributes.transA = 1;
    if (o.transB) attributes.transB = 1;
    if (o.activation) attributes.activation = o.activation;
    for (const [p, v] of Object.entries(o.params ?? {})) attributes[`activation_${p}`] = floatAttr(v);
    return {
      op: 'FusedGemm', attributes,
      inputs: [
        fed('A', r.floats(type, o.transA ? [k, m] : [m, k], -2, 2)), constant('B', r.floats(type, o.transB ? [n, k] : [k, n])),
        o.c ? constant('C', r.floats(type, o.c)) : null,
      ],
      outputs: [['Y', type]],
    };
  });
}

const gemmCases = [
  fusedGemm('test_fusedgemm_relu_float32', { activation: 'Relu', c: [5] }),
  fusedGemm('test_fusedgemm_leakyrelu_float32', { activation: 'LeakyRelu', params: { alpha: 0.1 }, c: [3, 5], gemm: { alpha: 0.5, beta: floatAttr(2) } }),
  fusedGemm('test_fusedgemm_trans_tanh_float32', { activation: 'Tanh', transA: true, transB: true, c: [1, 5] }),
  fusedGemm('test_fusedgemm_sigmoid_float32', { activation: 'Sigmoid' }),
  fusedGemm('test_fusedgemm_hardsigmoid_float32', { activation: 'HardSigmoid', params: { alpha: 0.3, beta: 0.4 }, c: [5] }),
  fusedGemm('test_fusedgemm_elu_float32', { activation: 'Elu', params: { alpha: 0.7 }, c: [5] }),
  fusedGemm('test_fusedgemm_selu_float32', { activation: 'Selu', params: { alpha: 1.6732, gamma: 1.0507 }, c: [5] }),
  fusedGemm('test_fusedgemm_celu_float32', { activation: 'Celu', params: { alpha: 1.5 } }),
  fusedGemm('test_fusedgemm_softplus_float32', { activation: 'Softplus', c: [3, 1] }),
  fusedGemm('test_fusedgemm_softsign_float32', { activation: 'Softsign' }),
  fusedGemm('test_fusedgemm_thresholdedrelu_float32', { activation: 'ThresholdedRelu', params: { alpha: 0.5 } }),
  fusedGemm('test_fusedgemm_parametricsoftplus_float32', { activation: 'ParametricSoftplus', params: { alpha: 2.0, beta: 0.5 } }),
  fusedGemm('test_fusedgemm_scaledtanh_float32', { activation: 'ScaledTanh', params: { alpha: 1.5, beta: 0.5 } }),
  fusedGemm('test_fusedgemm_relu_float16', { activation: 'Relu', c: [5], type: 'float16' }),
];

// --- NhwcMaxPool -------------------------------------------------------------------------------

function nhwcMaxPool(name: string, type: 'uint8' | 'int8', x: number[], attributes: Record<string, AttributeInput>): ContribCase {
  return make(name, (r) => ({
    op: 'NhwcMaxPool', attributes,
    inputs: [fed('x', type === 'uint8' ? r.bytes('uint8', x, 0, 255) : r.bytes('int8', x, -128, 127))],
    outputs: [['y', type]],
  }));
}

const poolCases = [
  nhwcMaxPool('test_nhwcmaxpool_uint8', 'uint8', [1, 5, 5, 3], { kernel_shape: [2, 2] }),
  nhwcMaxPool('test_nhwcmaxpool_strides_pads_uint8', 'uint8', [2, 6, 6, 4], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }),
  nhwcMaxPool('test_nhwcmaxpool_int8', 'int8', [1, 6, 5, 2], { kernel_shape: [3, 2], strides: [1, 2] }),
  nhwcMaxPool('test_nhwcmaxpool_dilations_int8', 'int8', [1, 7, 7, 3], { kernel_shape: [2, 2], dilations: [2, 2] }),
  nhwcMaxPool('test_nhwcmaxpool_ceil_mode_uint8', 'uint8', [1, 6, 6, 2], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }),
  nhwcMaxPool('test_nhwcmaxpool_auto_pad_int8', 'int8', [1, 5, 5, 2], { kernel_shape: [3, 3], auto_pad: 'SAME_UPPER', strides: [2, 2] }),
  make('test_nhwcmaxpool_float32', (r) => ({
    op: 'NhwcMaxPool', attributes: { kernel_shape: [2, 2] }, inputs: [fed('x', r.float32([1, 4, 4, 3]))], outputs: [['y', 'float32']],
  })),
];

export const cases: ContribCase[] = [
  ...skipLayerNormCases, ...axisNormCases, ...embedCases, ...activationCases,
  ...convCases, ...matMulCases, ...gemmCases, ...poolCases,
];
