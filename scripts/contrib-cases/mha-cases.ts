// MultiHeadAttention cases: separate, packed and in-heads K/V, bias, every key_padding_mask
// form, attention_bias, past/present, unidirectional, scale, the qk output, float16.
import type { Tensor } from '../../data/tensor.js';
import { type AttributeInput, floatAttr } from '../../graph/graph-builder.js';
import type { ContribCase } from './contrib-case.js';
import { type Float, caseRandom, input, int32, out } from './attention-case-data.js';
import { type NodeInput, singleNodeCase } from './single-node.js';

interface MhaSpec {
  variant: string;
  type?: Float;
  batch?: number;
  qLen?: number;
  kvLen?: number;
  heads?: number;
  headSize?: number;
  vHeadSize?: number;
  pastLen?: number;
  /** 'separate' (default), 'packed_qkv', 'packed_kv', 'kv_in_heads' (cross attention cache). */
  layout?: 'separate' | 'packed_qkv' | 'packed_kv' | 'kv_in_heads';
  bias?: boolean;
  mask?: Tensor;
  attentionBias?: number[];
  present?: boolean;
  qk?: boolean;
  attributes?: Record<string, AttributeInput>;
}

function mha(s: MhaSpec): ContribCase {
  const name = `test_multiheadattention_${s.variant}`;
  const rng = caseRandom(name);
  const type = s.type ?? 'float32';
  const batch = s.batch ?? 2, qLen = s.qLen ?? 3, heads = s.heads ?? 2, h = s.headSize ?? 4;
  const kvLen = s.layout === 'packed_qkv' ? qLen : s.kvLen ?? 4;
  const vh = s.vHeadSize ?? h;
  const hidden = heads * h;
  const pastLen = s.pastLen ?? 0;
  const totalLen = pastLen + kvLen;
  const ins: (NodeInput | null)[] = [];
  switch (s.layout ?? 'separate') {
    case 'packed_qkv':
      ins.push(input('query', rng.floats(type, [batch, qLen, heads, 3, h])), null, null);
      break;
    case 'packed_kv':
      ins.push(input('query', rng.floats(type, [batch, qLen, hidden])), input('key', rng.floats(type, [batch, kvLen, heads, 2, h])), null);
      break;
    case 'kv_in_heads':
      ins.push(input('query', rng.floats(type, [batch, qLen, hidden])), input('key', rng.floats(type, [batch, heads, kvLen, h])),
        input('value', rng.floats(type, [batch, heads, kvLen, vh])));
      break;
    default:
      ins.push(input('query', rng.floats(type, [batch, qLen, hidden])), input('key', rng.floats(type, [batch, kvLen, hidden])),
        input('value', rng.floats(type, [batch, kvLen, heads * vh])));
  }
  ins.push(s.bias ? input('bias', rng.floats(type, [2 * hidden + heads * vh]), true) : null);
  ins.push(s.mask ? input('key_padding_mask', s.mask) : null);
  ins.push(s.attentionBias ? input('attention_bias', rng.floats(type, [...s.attentionBias.slice(0, 2), qLen, totalLen], -2, 2)) : null);
  if (pastLen > 0) {
    ins.push(input('past_key', rng.floats(type, [batch, heads, pastLen, h])), input('past_value', rng.floats(type, [batch, heads, pastLen, vh])));
  }
  const outs = [out('output', type)];
  if (s.present || s.qk) outs.push(out(s.present ? 'present_key' : '', type), out(s.present ? 'present_value' : '', type));
  if (s.qk) outs.push(out('qk', type));
  return singleNodeCase({
    name, op: 'MultiHeadAttention', inputs: ins, outputs: outs,
    attributes: { num_heads: heads, ...s.attributes },
  });
}

export const cases: ContribCase[] = [
  mha({ variant: 'separate_qkv' }),
  mha({ variant: 'bias', bias: true }),
  mha({ variant: 'cross_lengths', qLen: 2, kvLen: 6, heads: 4, headSize: 2 }),
  mha({ variant: 'v_head_size', vHeadSize: 6, bias: true }),
  mha({ variant: 'scale', attributes: { scale: 0.7 } }),
  mha({ variant: 'key_padding_mask_2d', mask: int32([1, 1, 1, 0, 1, 1, 0, 0], [2, 4]) }),
  mha({ variant: 'key_padding_mask_1d', mask: int32([3, 2]) }),
  // (3 * batch + 2): key lengths, then cumulative offsets that only GPU kernels read
  mha({ variant: 'key_padding_mask_cumulative', mask: int32([3, 2, 0, 3, 5, 0, 3, 5]) }),
  mha({ variant: 'key_padding_mask_3d', mask: int32([1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0], [2, 3, 4]) }),
  mha({ variant: 'mask_filter_value', mask: int32([1, 0, 0, 1, 0, 0, 0, 0], [2, 4]), attributes: { mask_filter_value: floatAttr(-50) } }),
  mha({ variant: 'attention_bias', attentionBias: [1, 2] }),
  mha({ variant: 'attention_bias_batch', attentionBias: [2, 1], mask: int32([3, 4]) }),
  mha({ variant: 'past_present', qLen: 1, kvLen: 1, pastLen: 3, present: true, bias: true }),
  mha({ variant: 'present_no_past', present: true }),
  mha({ variant: 'past_mask', qLen: 1, kvLen: 1, pastLen: 4, present: true, mask: int32([1, 1, 1, 1, 1, 0, 1, 1, 1, 1], [2, 5]) }),
  mha({ variant: 'unidirectional', qLen: 4, kvLen: 4, attributes: { unidirectional: 1 } }),
  mha({ variant: 'unidirectional_past', qLen: 3, kvLen: 3, pastLen: 2, present: true, attributes: { unidirectional: 1 } }),
  mha({ variant: 'qk_output', qk: true, mask: int32([4, 2]) }),
  mha({ variant: 'packed_qkv', layout: 'packed_qkv', bias: true }),
  mha({ variant: 'packed_kv', layout: 'packed_kv' }),
  mha({ variant: 'kv_in_heads', layout: 'kv_in_heads', kvLen: 5 }),
  mha({ variant: 'kv_in_heads_bias', layout: 'kv_in_heads', bias: true }),
  mha({ variant: 'kv_in_heads_past', layout: 'kv_in_heads', kvLen: 2, pastLen: 3, present: true }),
  mha({ variant: 'float16', type: 'float16', bias: true }),
  mha({ variant: 'float16_past', type: 'float16', qLen: 1, kvLen: 1, pastLen: 3, present: true }),
];

