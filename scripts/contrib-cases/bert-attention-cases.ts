// Attention (the BERT/GPT-2 block with its own Q/K/V projection) cases: weights + bias,
// qkv_hidden_sizes, mask_index in each documented form, past state, unidirectional, scale,
// mask_filter_value, attention_bias, float16.
import { type AttributeInput, floatAttr } from '../../graph/graph-builder.js';
import type { Tensor } from '../../data/tensor.js';
import type { ContribCase } from './contrib-case.js';
import { type Float, caseRandom, input, int32, out } from './attention-case-data.js';
import { type NodeInput, singleNodeCase } from './single-node.js';

interface AttentionSpec {
  variant: string;
  type?: Float;
  batch?: number;
  seq?: number;
  inHidden?: number;
  heads?: number;
  /** [D, D, Dv]; default three equal hidden sizes of heads * 4. */
  sizes?: [number, number, number];
  bias?: boolean;
  mask?: Tensor;
  pastLen?: number;
  present?: boolean;
  attentionBias?: [number, number];
  attributes?: Record<string, AttributeInput>;
}

function attention(s: AttentionSpec): ContribCase {
  const name = `test_attention_${s.variant}`;
  const rng = caseRandom(name);
  const type = s.type ?? 'float32';
  const batch = s.batch ?? 2, seq = s.seq ?? 3, heads = s.heads ?? 2, inHidden = s.inHidden ?? 8;
  const sizes = s.sizes ?? [heads * 4, heads * 4, heads * 4];
  const width = sizes[0] + sizes[1] + sizes[2];
  const headSize = sizes[0] / heads;
  const pastLen = s.pastLen ?? 0;
  const totalLen = pastLen + seq;
  const ins: (NodeInput | null)[] = [
    input('input', rng.floats(type, [batch, seq, inHidden])),
    input('weights', rng.floats(type, [inHidden, width], -0.5, 0.5), true),
    s.bias === false ? null : input('bias', rng.floats(type, [width], -0.5, 0.5), true),
    s.mask ? input('mask_index', s.mask) : null,
    pastLen > 0 ? input('past', rng.floats(type, [2, batch, heads, pastLen, headSize])) : null,
    s.attentionBias ? input('attention_bias', rng.floats(type, [...s.attentionBias, seq, totalLen], -2, 2)) : null,
  ];
  const outs = [out('output', type)];
  if (s.present) outs.push(out('present', type));
  const attributes: Record<string, AttributeInput> = { num_heads: heads, ...s.attributes };
  if (s.sizes) attributes.qkv_hidden_sizes = s.sizes;
  return singleNodeCase({ name, op: 'Attention', inputs: ins, outputs: outs, attributes });
}

export const cases: ContribCase[] = [
  attention({ variant: 'basic' }),
  // no case without bias: onnxruntime 1.30's CPU kernel crashes (SIGSEGV) when it is omitted
  attention({ variant: 'four_heads', heads: 4, seq: 5, inHidden: 6 }),
  attention({ variant: 'qkv_hidden_sizes', sizes: [8, 8, 12] }),
  attention({ variant: 'scale', attributes: { scale: 0.3 } }),
  attention({ variant: 'mask_1d_lengths', mask: int32([2, 3]) }),
  attention({ variant: 'mask_1d_start_end', mask: int32([3, 2, 1, 0]) }),
  attention({ variant: 'mask_1d_cumulative', mask: int32([2, 3, 0, 3, 6, 0, 2, 5]) }),
  attention({ variant: 'mask_2d', mask: int32([1, 1, 0, 0, 1, 1], [2, 3]) }),
  attention({ variant: 'mask_3d', mask: int32([1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1], [2, 3, 3]) }),
  attention({ variant: 'mask_4d', mask: int32(Array.from({ length: 2 * 16 }, (_, i) => ((i % 4) <= Math.floor((i % 16) / 4) ? 1 : 0)), [2, 1, 4, 4]) }),
  attention({ variant: 'mask_filter_value', mask: int32([1, 0, 0, 0, 0, 0], [2, 3]), attributes: { mask_filter_value: floatAttr(-3.5) } }),
  attention({ variant: 'unidirectional', seq: 4, attributes: { unidirectional: 1 } }),
  attention({ variant: 'unidirectional_mask', seq: 4, mask: int32([3, 4]), attributes: { unidirectional: 1 } }),
  attention({ variant: 'present', present: true }),
  attention({ variant: 'past', seq: 1, pastLen: 3, present: true }),
  attention({ variant: 'past_unidirectional', seq: 2, pastLen: 3, present: true, mask: int32([1, 1, 1, 1, 1, 0, 1, 1, 1, 1], [2, 5]), attributes: { unidirectional: 1 } }),
  attention({ variant: 'attention_bias', attentionBias: [1, 2] }),
  attention({ variant: 'attention_bias_batch', attentionBias: [2, 1], mask: int32([3, 1]) }),
  attention({ variant: 'do_rotary', attributes: { do_rotary: 1 } }),
  attention({ variant: 'float16', type: 'float16' }),
];
