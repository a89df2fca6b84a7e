// DecoderMaskedMultiHeadAttention cases: a self-attention step over shared past/present
// buffers, with bias, packed QKV, key padding mask, attention_bias, scale, the qk output and
// beam search's cache_indirection; a cross-attention step over an encoder's K/V; float16.
import { type AttributeInput, floatAttr } from '../../graph/graph-builder.js';
import type { Tensor } from '../../data/tensor.js';
import type { ContribCase } from './contrib-case.js';
import { type Float, caseRandom, input, int32, out } from './attention-case-data.js';
import { type NodeInput, singleNodeCase } from './single-node.js';

interface DmmhaSpec {
  variant: string;
  type?: Float;
  batch?: number;
  heads?: number;
  headSize?: number;
  /** Rows of the shared past/present buffers, and how many are filled. */
  maxRows?: number;
  pastLen?: number;
  packed?: boolean;
  bias?: boolean;
  mask?: (total: number, batch: number) => Tensor;
  attentionBias?: [number, number];
  /** Beams per batch entry, with cache_indirection (batch / beams, beams, maxRows). */
  beams?: number;
  /** Cross attention over an encoder's K/V of this length. */
  crossLen?: number;
  qk?: boolean;
  attributes?: Record<string, AttributeInput>;
}

function dmmha(s: DmmhaSpec): ContribCase {
  const name = `test_decodermaskedmultiheadattention_${s.variant}`;
  const rng = caseRandom(name);
  const type = s.type ?? 'float32';
  const batch = s.batch ?? 2, heads = s.heads ?? 2, h = s.headSize ?? 8, hidden = heads * h;
  const maxRows = s.maxRows ?? 6, pastLen = s.pastLen ?? 3;
  const total = s.crossLen ?? pastLen + 1;
  const ins: (NodeInput | null)[] = [];
  if (s.crossLen) {
    ins.push(input('query', rng.floats(type, [batch, 1, hidden])), input('key', rng.floats(type, [batch, heads, s.crossLen, h])),
      input('value', rng.floats(type, [batch, heads, s.crossLen, h])));
  } else if (s.packed) {
    ins.push(input('query', rng.floats(type, [batch, 1, 3 * hidden])), null, null);
  } else {
    ins.push(input('query', rng.floats(type, [batch, 1, hidden])), input('key', rng.floats(type, [batch, 1, hidden])), input('value', rng.floats(type, [batch, 1, hidden])));
  }
  ins.push(s.mask ? input('mask_index', s.mask(total, batch)) : null);
  ins.push(s.attentionBias ? input('attention_bias', rng.floats(type, [...s.attentionBias, 1, total], -2, 2)) : null);
  if (!s.crossLen) {
    ins.push(input('past_key', rng.floats(type, [batch, heads, maxRows, h])), input('past_value', rng.floats(type, [batch, heads, maxRows, h])),
      input('past_sequence_length', int32([pastLen], [1])));
  } else {
    ins.push(null, null, null);
  }
  if (s.beams) {
    const indirection = Array.from({ length: batch * maxRows }, () => rng.int(0, s.beams! - 1));
    ins.push(input('beam_width', int32([s.beams], [1])), input('cache_indirection', int32(indirection, [batch / s.beams, s.beams, maxRows])));
  } else {
    ins.push(null, null);
  }
  ins.push(s.bias ? input('bias', rng.floats(type, [3 * hidden], -0.5, 0.5), true) : null);
  const outs = [out('output', type)];
  if (!s.crossLen) outs.push(out('present_key', type), out('present_value', type));
  else if (s.qk) outs.push(out('', type), out('', type));
  const attributes: Record<string, AttributeInput> = { num_heads: heads, ...(s.crossLen ? {} : { past_present_share_buffer: 1 }), ...s.attributes };
  if (s.qk) {
    outs.push(out('qk', type));
    attributes.output_qk = 1;
  }
  return singleNodeCase({ name, op: 'DecoderMaskedMultiHeadAttention', inputs: ins, outputs: outs, attributes });
}

const padding = (zeros: number[][]) => (total: number, batch: number) =>
  int32(Array.from({ length: batch * total }, (_, i) => (zeros[Math.floor(i / total)]?.includes(i % total) ? 0 : 1)), [batch, total]);

export const cases: ContribCase[] = [
  dmmha({ variant: 'self' }),
  dmmha({ variant: 'self_bias', bias: true }),
  // no first-token case (past_sequence_length 0): onnxruntime then reads the whole buffer as past
  dmmha({ variant: 'self_packed_qkv', packed: true }),
  dmmha({ variant: 'self_packed_qkv_bias', packed: true, bias: true }),
  dmmha({ variant: 'self_mask', mask: padding([[0], [1, 2]]) }),
  dmmha({ variant: 'self_attention_bias', attentionBias: [1, 2] }),
  dmmha({ variant: 'self_scale', attributes: { scale: floatAttr(0.5), mask_filter_value: floatAttr(-100) }, mask: padding([[], [3]]) }),
  dmmha({ variant: 'self_qk', qk: true, heads: 4, headSize: 4 }),
  dmmha({ variant: 'beam_search', batch: 4, beams: 2, pastLen: 4 }),
  dmmha({ variant: 'cross', crossLen: 5 }),
  dmmha({ variant: 'cross_mask', crossLen: 5, mask: padding([[4], [3, 4]]) }),
  dmmha({ variant: 'cross_qk', crossLen: 4, qk: true }),
  dmmha({ variant: 'float16', type: 'float16' }),
];
