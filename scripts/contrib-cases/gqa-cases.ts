// GroupQueryAttention cases: first prompts, token-by-token decode steps over a cache (exact
// size, ragged, and a shared-buffer-sized past), chunked prefill, packed QKV, rotary (half
// and interleaved, partial, position_ids), local window, softcap, scale, causal 0,
// attention_bias, attention sinks, the qk output, float16, and a prompt -> decode chain.
import { type AttributeInput, GraphBuilder, floatAttr } from '../../graph/graph-builder.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import type { Tensor } from '../../data/tensor.js';
import type { ContribCase } from './contrib-case.js';
import { type Float, caseRandom, floatTensorOf, input, int32, int64, out } from './attention-case-data.js';
import { type NodeInput, singleNodeCase } from './single-node.js';

interface GqaSpec {
  variant: string;
  type?: Float;
  batch?: number;
  seq?: number;
  heads?: number;
  kvHeads?: number;
  headSize?: number;
  /** Rows of the past buffers; 0: no past inputs. */
  pastRows?: number;
  /** Total length per batch entry (seqlens_k + 1); default all totalSeq. */
  totals?: number[];
  /** Default: seq + pastRows. */
  totalSeq?: number;
  packed?: boolean;
  /** Rotary caches with this many rows and rotary dim (default head size). */
  rotary?: { rows: number; dim?: number; positions?: number[] };
  attentionBias?: [number, number];
  headSink?: boolean;
  qkOutput?: 1 | 2;
  present?: boolean;
  attributes?: Record<string, AttributeInput>;
}

/** Rotary caches as exporters write them: cos/sin of position * 10000^(-2i / dim). */
export function rotaryCaches(type: Float, rows: number, dim: number): [Tensor, Tensor] {
  const half = dim / 2;
  const cos = new Float32Array(rows * half), sin = new Float32Array(rows * half);
  for (let p = 0; p < rows; p++) {
    for (let i = 0; i < half; i++) {
      const angle = p * Math.pow(10000, (-2 * i) / dim);
      cos[p * half + i] = Math.cos(angle);
      sin[p * half + i] = Math.sin(angle);
    }
  }
  return [floatTensorOf(type, cos, [rows, half]), floatTensorOf(type, sin, [rows, half])];
}

function gqa(s: GqaSpec): ContribCase {
  const name = `test_groupqueryattention_${s.variant}`;
  const rng = caseRandom(name);
  const type = s.type ?? 'float32';
  // onnxruntime's CPU rotary wants head sizes that are multiples of 16
  const batch = s.batch ?? 2, seq = s.seq ?? 3, heads = s.heads ?? 4, kvHeads = s.kvHeads ?? 2, h = s.headSize ?? (s.rotary ? 16 : 8);
  const pastRows = s.pastRows ?? 0;
  const totalSeq = s.totalSeq ?? seq + pastRows;
  const totals = s.totals ?? new Array<number>(batch).fill(totalSeq);
  const ins: (NodeInput | null)[] = s.packed
    ? [input('query', rng.floats(type, [batch, seq, (heads + 2 * kvHeads) * h])), null, null]
    : [input('query', rng.floats(type, [batch, seq, heads * h])), input('key', rng.floats(type, [batch, seq, kvHeads * h])),
      input('value', rng.floats(type, [batch, seq, kvHeads * h]))];
  if (pastRows > 0) {
    ins.push(input('past_key', rng.floats(type, [batch, kvHeads, pastRows, h])), input('past_value', rng.floats(type, [batch, kvHeads, pastRows, h])));
  } else {
    ins.push(null, null);
  }
  ins.push(input('seqlens_k', int32(totals.map((t) => t - 1))), input('total_sequence_length', int32([totalSeq], [])));
  const attributes: Record<string, AttributeInput> = { num_heads: heads, kv_num_heads: kvHeads, ...s.attributes };
  if (s.rotary) {
    const [cos, sin] = rotaryCaches(type, s.rotary.rows, s.rotary.dim ?? h);
    ins.push(input('cos_cache', cos, true), input('sin_cache', sin, true));
    ins.push(s.rotary.positions ? input('position_ids', int64(s.rotary.positions, [batch, seq])) : null);
    attributes.do_rotary = 1;
  } else {
    ins.push(null, null, null);
  }
  ins.push(s.attentionBias ? input('attention_bias', rng.floats(type, [...s.attentionBias, seq, totalSeq], -2, 2)) : null);
  ins.push(s.headSink ? input('head_sink', rng.floats(type, [heads], -1, 1)) : null);
  const outs = [out('output', type)];
  const present = s.present ?? true;
  if (present || s.qkOutput) outs.push(out(present ? 'present_key' : '', type), out(present ? 'present_value' : '', type));
  if (s.qkOutput) {
    outs.push(out('output_qk', type));
    attributes.qk_output = s.qkOutput;
  }
  return singleNodeCase({ name, op: 'GroupQueryAttention', inputs: ins, outputs: outs, attributes });
}

/**
 * A first prompt then two decode steps, each GroupQueryAttention reading the previous one's
 * present_key/present_value as its past: the cache flow of a genai decoder in one model.
 */
function promptThenDecode(type: Float, rotary: boolean): ContribCase {
  const name = `test_groupqueryattention_prompt_then_decode${rotary ? '_rotary' : ''}${type === 'float16' ? '_float16' : ''}`;
  const rng = caseRandom(name);
  const batch = 2, prompt = 3, heads = 4, kvHeads = 1, h = rotary ? 16 : 8;
  const g = new GraphBuilder(name);
  const feeds: Tensor[] = [];
  const feed = (n: string, t: Tensor) => {
    feeds.push(t);
    return g.input(n, t.type, [...t.dims]);
  };
  const attributes: Record<string, AttributeInput> = { num_heads: heads, kv_num_heads: kvHeads };
  let caches = ['', ''];
  if (rotary) {
    const [cos, sin] = rotaryCaches(type, 8, h);
    caches = [g.initializer('cos_cache', cos), g.initializer('sin_cache', sin)];
    attributes.do_rotary = 1;
  }
  let past = ['', ''];
  for (let step = 0; step < 3; step++) {
    const seq = step === 0 ? prompt : 1;
    const total = prompt + step;
    const q = feed(`query_${step}`, rng.floats(type, [batch, seq, heads * h]));
    const k = feed(`key_${step}`, rng.floats(type, [batch, seq, kvHeads * h]));
    const v = feed(`value_${step}`, rng.floats(type, [batch, seq, kvHeads * h]));
    const seqlens = feed(`seqlens_k_${step}`, int32(new Array<number>(batch).fill(total - 1)));
    const totalLen = feed(`total_sequence_length_${step}`, int32([total], []));
    const outputs = [`output_${step}`, `present_key_${step}`, `present_value_${step}`];
    g.node('GroupQueryAttention', [q, k, v, past[0], past[1], seqlens, totalLen, ...(rotary ? caches : [])], attributes,
      { name: `GroupQueryAttention_${step}`, outputs, domain: MICROSOFT_DOMAIN });
    g.output(outputs[0], type);
    past = [outputs[1], outputs[2]];
  }
  g.output(past[0], type);
  g.output(past[1], type);
  return { name, op: 'GroupQueryAttention', model: g.model({ '': 17, [MICROSOFT_DOMAIN]: 1 }), inputs: feeds };
}

export const cases: ContribCase[] = [
  gqa({ variant: 'prompt' }),
  gqa({ variant: 'prompt_no_present', present: false }),
  gqa({ variant: 'prompt_multi_query', kvHeads: 1, seq: 5 }),
  gqa({ variant: 'prompt_same_heads', heads: 2, kvHeads: 2, headSize: 16 }),
  gqa({ variant: 'prompt_ragged', seq: 4, totals: [4, 2] }),
  gqa({ variant: 'decode', seq: 1, pastRows: 3 }),
  gqa({ variant: 'decode_ragged', seq: 1, pastRows: 4, totalSeq: 5, totals: [5, 3] }),
  gqa({ variant: 'decode_shared_buffer', seq: 1, pastRows: 8, totalSeq: 6, totals: [6, 4] }),
  gqa({ variant: 'chunked_prefill', batch: 1, seq: 3, pastRows: 2 }),
  gqa({ variant: 'packed_qkv', packed: true }),
  gqa({ variant: 'packed_qkv_decode', packed: true, seq: 1, pastRows: 4 }),
  gqa({ variant: 'rotary', rotary: { rows: 8 } }),
  gqa({ variant: 'rotary_interleaved', rotary: { rows: 8 }, attributes: { rotary_interleaved: 1 } }),
  // onnxruntime's CPU rotary rotates multiples of 16 entries: a partial rotary needs a head of 32
  gqa({ variant: 'rotary_partial', batch: 1, seq: 2, heads: 2, kvHeads: 1, headSize: 32, rotary: { rows: 8, dim: 16 } }),
  gqa({ variant: 'rotary_decode', seq: 1, pastRows: 4, rotary: { rows: 8 } }),
  gqa({ variant: 'rotary_decode_ragged', seq: 1, pastRows: 5, totalSeq: 6, totals: [6, 3], rotary: { rows: 8 }, attributes: { rotary_interleaved: 1 } }),
  gqa({ variant: 'rotary_packed', packed: true, seq: 1, pastRows: 3, rotary: { rows: 8 } }),
  gqa({ variant: 'rotary_position_ids', seq: 2, rotary: { rows: 8, positions: [3, 4, 0, 6] } }),
  gqa({ variant: 'rotary_position_ids_decode', seq: 1, pastRows: 3, rotary: { rows: 8, positions: [5, 2] } }),
  gqa({ variant: 'local_window', seq: 6, attributes: { local_window_size: 2 } }),
  gqa({ variant: 'local_window_decode', seq: 1, pastRows: 6, attributes: { local_window_size: 3 } }),
  gqa({ variant: 'softcap', attributes: { softcap: floatAttr(1.5) } }),
  gqa({ variant: 'scale', attributes: { scale: floatAttr(0.9) } }),
  gqa({ variant: 'softcap_scale_decode', seq: 1, pastRows: 3, attributes: { softcap: floatAttr(2), scale: floatAttr(0.6) } }),
  gqa({ variant: 'not_causal', seq: 4, attributes: { causal: 0 } }),
  gqa({ variant: 'attention_bias', seq: 3, attentionBias: [1, 4] }),
  gqa({ variant: 'softcap_attention_bias', seq: 3, attentionBias: [2, 4], attributes: { softcap: floatAttr(1.2) } }),
  gqa({ variant: 'attention_bias_decode', seq: 1, pastRows: 3, attentionBias: [2, 1] }),
  gqa({ variant: 'smooth_softmax', attributes: { smooth_softmax: 1 } }),
  gqa({ variant: 'head_sink', headSink: true }),
  gqa({ variant: 'qk_before_softmax', qkOutput: 1 }),
  gqa({ variant: 'qk_after_softmax', seq: 1, pastRows: 3, qkOutput: 2 }),
  gqa({ variant: 'float16', type: 'float16' }),
  gqa({ variant: 'float16_rotary_decode', type: 'float16', seq: 1, pastRows: 4, rotary: { rows: 8 } }),
  promptThenDecode('float32', false),
  promptThenDecode('float32', true),
  promptThenDecode('float16', true),
];
