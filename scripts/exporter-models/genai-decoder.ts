// A decoder step as onnxruntime-genai's model builder writes one (Llama-style, int4): input_ids,
// attention_mask over past + new tokens, past_key_values.{i}.key/value in BNSH; the token
// embedding as GatherBlockQuantized; RMS norms as SimplifiedLayerNormalization (ai.onnx, as ORT
// registers it) then SkipSimplifiedLayerNormalization carrying the residual; q/k/v/o, the MLP
// and lm_head as MatMulNBits (4 bits, blocks of 32); GroupQueryAttention with rotary fused in
// (cos_cache / sin_cache) fed seqlens_k and total_sequence_length computed from the mask as the
// builder does; SiLU as Sigmoid * Mul; outputs logits and present.{i}.key/value.
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { Tensor } from '../../data/tensor.js';
import { GraphBuilder, floatAttr } from '../../graph/graph-builder.js';
import type { Model } from '../../graph/ir.js';
import { rotaryCaches } from '../contrib-cases/gqa-cases.js';
import { SeededRandom } from '../contrib-cases/seeded-random.js';
import { quantizeQ4 } from '../quantize/weights.js';

export const DECODER = { vocab: 96, hidden: 64, heads: 4, kvHeads: 2, layers: 2, intermediate: 128, maxPositions: 32, block: 32 };
const HEAD = DECODER.hidden / DECODER.heads;

class DecoderBuilder {
  readonly g = new GraphBuilder('genai-decoder');
  private readonly rng = new SeededRandom(2024);
  private n = 0;

  private uniform(count: number, scale: number): Float32Array {
    return Float32Array.from({ length: count }, () => this.rng.uniform(-scale, scale));
  }

  private name(prefix: string): string {
    return `${prefix}_${this.n++}`;
  }

  /**
   * A [K, N] random weight as MatMulNBits, named like the builder's /model/layers.{i}/... nodes.
   * No accuracy_level: the builder's CPU int4 files often set 4, which lets onnxruntime quantize
   * A to int8 per block (1.8e-2 off the exact product on |Y| ~ 5), and the reference would then
   * be that approximation rather than the op.
   */
  matmulNBits(x: string, name: string, K: number, N: number): string {
    const { block } = DECODER;
    const { packed, scales } = quantizeQ4(this.uniform(K * N, 1 / Math.sqrt(K)), K, N, block);
    const B = this.g.initializer(`${name}.weight.quant`, new Tensor('uint8', packed, [N, K / block, block / 2]));
    const S = this.g.initializer(`${name}.weight.scales`, new Tensor('float32', scales, [N * (K / block)]));
    return this.g.node('MatMulNBits', [x, B, S], { K, N, bits: 4, block_size: block }, { name, domain: MICROSOFT_DOMAIN })[0];
  }

  normWeight(name: string): string {
    return this.g.initializer(name, new Tensor('float32', Float32Array.from(this.uniform(DECODER.hidden, 0.2), (v) => 1 + v), [DECODER.hidden]));
  }

  /** The token embedding, 4-bit in blocks of 32 along the hidden axis (zero point 8). */
  embedding(ids: string): string {
    const { vocab, hidden, block } = DECODER;
    const table = this.uniform(vocab * hidden, 1);
    // quantizeQ4 blocks along the rows of a [K, N] matrix: hand it the table transposed
    const transposed = new Float32Array(vocab * hidden);
    for (let v = 0; v < vocab; v++) for (let h = 0; h < hidden; h++) transposed[h * vocab + v] = table[v * hidden + h];
    const { packed, scales } = quantizeQ4(transposed, hidden, vocab, block);
    const data = this.g.initializer('model.embed_tokens.weight.quant', new Tensor('uint8', packed, [vocab, hidden / 2]));
    const s = this.g.initializer('model.embed_tokens.weight.scales', new Tensor('float32', scales, [vocab, hidden / block]));
    return this.g.node('GatherBlockQuantized', [data, ids, s], { bits: 4, block_size: block, gather_axis: 0, quantize_axis: 1 },
      { name: '/model/embed_tokens/GatherBlockQuantized', domain: MICROSOFT_DOMAIN })[0];
  }

  int64(values: number[], dims = [values.length]): string {
    return this.g.initializer(this.name('const'), new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims));
  }
}

export function buildGenaiDecoder(): Model {
  const { hidden, heads, kvHeads, layers, intermediate, vocab, maxPositions } = DECODER;
  const b = new DecoderBuilder();
  const g = b.g;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'total_sequence_length']);
  const past: [string, string][] = [];
  for (let l = 0; l < layers; l++) {
    past.push([
      g.input(`past_key_values.${l}.key`, 'float32', ['batch_size', kvHeads, 'past_sequence_length', HEAD]),
      g.input(`past_key_values.${l}.value`, 'float32', ['batch_size', kvHeads, 'past_sequence_length', HEAD]),
    ]);
  }
  // seqlens_k = sum(mask) - 1 per batch entry, total_sequence_length = mask's second dim, both int32
  const summed = g.op('ReduceSum', [mask, b.int64([1])], { keepdims: 0 }, '/model/attn_mask_reformat/attn_mask_subgraph/ReduceSum');
  const seqlensK = g.op('Cast', [g.op('Sub', [summed, b.int64([1], [])])], { to: 6 }, '/model/attn_mask_reformat/attn_mask_subgraph/Sub/Cast');
  const total = g.op('Cast', [g.op('Gather', [g.op('Shape', [mask]), b.int64([1], [])], { axis: 0 })], { to: 6 },
    '/model/attn_mask_reformat/attn_mask_subgraph/Gather/Cast');
  const [cos, sin] = rotaryCaches('float32', maxPositions, HEAD);
  g.initializer('cos_cache', cos);
  g.initializer('sin_cache', sin);

  const embeds = b.embedding(ids);
  const epsilon = floatAttr(1e-6);
  let normed = g.node('SimplifiedLayerNormalization', [embeds, b.normWeight('model.layers.0.input_layernorm.weight')],
    { axis: -1, epsilon, stash_type: 1 }, { name: '/model/layers.0/input_layernorm/LayerNorm' })[0];
  let residual = embeds;
  let lastOut = '';
  for (let l = 0; l < layers; l++) {
    const p = `/model/layers.${l}`;
    if (l > 0) {
      [normed, , , residual] = g.node('SkipSimplifiedLayerNormalization', [lastOut, residual, b.normWeight(`model.layers.${l}.input_layernorm.weight`)],
        { epsilon }, { name: `${p}/input_layernorm/SkipLayerNorm`, domain: MICROSOFT_DOMAIN, outputs: [`${p}/input_layernorm/output_0`, '', '', `${p}/input_layernorm/output_3`] });
    }
    const q = b.matmulNBits(normed, `${p}/attn/q_proj/MatMulNBits`, hidden, heads * HEAD);
    const k = b.matmulNBits(normed, `${p}/attn/k_proj/MatMulNBits`, hidden, kvHeads * HEAD);
    const v = b.matmulNBits(normed, `${p}/attn/v_proj/MatMulNBits`, hidden, kvHeads * HEAD);
    const [attn] = g.node('GroupQueryAttention', [q, k, v, past[l][0], past[l][1], seqlensK, total, 'cos_cache', 'sin_cache'],
      { num_heads: heads, kv_num_heads: kvHeads, do_rotary: 1, rotary_interleaved: 0, local_window_size: -1, softcap: floatAttr(0), scale: floatAttr(0) },
      { name: `${p}/attn/GroupQueryAttention`, domain: MICROSOFT_DOMAIN, outputs: [`${p}/attn/output`, `present.${l}.key`, `present.${l}.value`] });
    const o = b.matmulNBits(attn, `${p}/attn/o_proj/MatMulNBits`, heads * HEAD, hidden);
    const [postNormed, , , postResidual] = g.node('SkipSimplifiedLayerNormalization', [o, residual, b.normWeight(`model.layers.${l}.post_attention_layernorm.weight`)],
      { epsilon }, { name: `${p}/post_attention_layernorm/SkipLayerNorm`, domain: MICROSOFT_DOMAIN, outputs: [`${p}/post_attention_layernorm/output_0`, '', '', `${p}/post_attention_layernorm/output_3`] });
    residual = postResidual;
    const gate = b.matmulNBits(postNormed, `${p}/mlp/gate_proj/MatMulNBits`, hidden, intermediate);
    const up = b.matmulNBits(postNormed, `${p}/mlp/up_proj/MatMulNBits`, hidden, intermediate);
    const silu = g.op('Mul', [gate, g.op('Sigmoid', [gate], {}, `${p}/mlp/act_fn/Sigmoid`)], {}, `${p}/mlp/act_fn/Mul`);
    lastOut = b.matmulNBits(g.op('Mul', [silu, up], {}, `${p}/mlp/Mul`), `${p}/mlp/down_proj/MatMulNBits`, intermediate, hidden);
  }
  const [final] = g.node('SkipSimplifiedLayerNormalization', [lastOut, residual, b.normWeight('model.norm.weight')],
    { epsilon }, { name: '/model/layers.2/final_norm_layernorm/SkipLayerNorm', domain: MICROSOFT_DOMAIN, outputs: 1 });
  const logits = b.matmulNBits(final, '/lm_head/MatMulNBits', hidden, vocab);
  g.node('Identity', [logits], {}, { outputs: ['logits'] });
  g.output('logits', 'float32', ['batch_size', 'sequence_length', vocab]);
  for (let l = 0; l < layers; l++) {
    for (const kind of ['key', 'value']) g.output(`present.${l}.${kind}`, 'float32', ['batch_size', kvHeads, 'total_sequence_length', HEAD]);
  }
  return g.model({ '': 17, [MICROSOFT_DOMAIN]: 1 }, 'onnx-ts make-exporter-models (genai model builder shape)');
}
