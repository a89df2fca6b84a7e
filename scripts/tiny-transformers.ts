// Tiny transformers.js-shaped models: random weights from a fixed seed, a small hand-written
// vocabulary and tokenizers, built as graphs (BERT encoder, GPT-2 decoder with past key/values).
// scripts/make-transformers-models.ts writes the test set from them; bench/soak-generate.ts a
// long-context decoder. tiny-transformers-speech-vision.ts builds Whisper and ViT with Net.
import fs from 'node:fs';
import path from 'node:path';
import { Tensor } from '../data/tensor.js';
import { encodeModel } from '../graph/encode-model.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { quantizeQ4, quantizeQ8 } from './quantize/weights.js';

/** mulberry32: the same weights on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A GraphBuilder with helpers for random weights and the layers both models share. */
export class Net {
  readonly g = new GraphBuilder('tiny');
  private n = 0;
  private readonly rand: () => number;

  private normal(): number {
    const u = Math.max(this.rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rand());
  }

  /** How linear layers multiply by their weights: float32, or quantized as transformers.js's q8 and q4 files are. */
  constructor(seed: number, private readonly matmul: 'fp32' | 'q8' | 'q4' = 'fp32') {
    this.rand = random(seed);
  }

  private draw(dims: number[], std: number, mean = 0): Float32Array {
    const size = dims.reduce((p, d) => p * d, 1);
    // rounded to 1/1024 so the values are the same whatever float printing or parsing does
    return Float32Array.from({ length: size }, () => Math.round((mean + std * this.normal()) * 1024) / 1024);
  }

  weight(name: string, dims: number[], std: number, mean = 0): string {
    return this.g.initializer(name, new Tensor('float32', this.draw(dims, std, mean), dims));
  }

  /**
   * x [.., K] times a random weight [K, N]. q8 is onnxruntime's dynamic quantization:
   * activations to uint8 at run time (DynamicQuantizeLinear), weights to int8 with one
   * symmetric scale, MatMulInteger, then both scales. q4 is MatMulNBits: weights in blocks of
   * 16 along K, 4 bits each with one scale per block and the default zero point 8.
   */
  matmulBy(x: string, name: string, K: number, N: number, std: number): string {
    const w = this.draw([K, N], std);
    if (this.matmul === 'fp32') return this.op('MatMul', [x, this.g.initializer(name, new Tensor('float32', w, [K, N]))]);
    if (this.matmul === 'q8') {
      const { values: q, scale } = quantizeQ8(w);
      const [xq, xScale, xZero] = this.g.node('DynamicQuantizeLinear', [x], {}, { outputs: 3 });
      const wq = this.g.initializer(`${name}_quantized`, new Tensor('int8', q, [K, N]));
      const wZero = this.g.initializer(`${name}_zero_point`, new Tensor('int8', new Int8Array([0]), []));
      const product = this.op('Cast', [this.op('MatMulInteger', [xq, wq, xZero, wZero])], { to: 1 });
      return this.op('Mul', [product, this.op('Mul', [xScale, this.scalar(scale)])]);
    }
    const block = 16;
    const blocks = K / block;
    const { packed, scales } = quantizeQ4(w, K, N, block);
    const B = this.g.initializer(`${name}_Q4`, new Tensor('uint8', packed, [N, blocks, block / 2]));
    const S = this.g.initializer(`${name}_scales`, new Tensor('float32', scales, [N * blocks]));
    return this.g.node('MatMulNBits', [x, B, S], { K, N, bits: 4, block_size: block }, { domain: 'com.microsoft' })[0];
  }

  const(values: number[] | bigint[], type: 'float32' | 'int64' = 'int64', dims?: number[]): string {
    const name = `const_${this.n++}`;
    const data = type === 'int64' ? BigInt64Array.from(values as (number | bigint)[], (v) => BigInt(v)) : Float32Array.from(values as number[]);
    return this.g.initializer(name, new Tensor(type, data, dims ?? [values.length]));
  }

  scalar(v: number): string {
    return this.const([v], 'float32', []);
  }

  op(type: string, inputs: string[], attrs: Record<string, number | number[] | string> = {}): string {
    return this.g.op(type, inputs, attrs);
  }

  linear(x: string, name: string, inDim: number, outDim: number, std: number): string {
    return this.op('Add', [this.matmulBy(x, `${name}.weight`, inDim, outDim, std), this.weight(`${name}.bias`, [outDim], 0.05)]);
  }

  layerNorm(x: string, name: string, dim: number): string {
    return this.op('LayerNormalization', [x, this.weight(`${name}.weight`, [dim], 0.1, 1), this.weight(`${name}.bias`, [dim], 0.1)], { axis: -1, epsilon: 1e-5 });
  }

  /** x * 0.5 * (1 + erf(x / sqrt 2)), as BERT exports spell GELU. */
  geluErf(x: string): string {
    const erf = this.op('Erf', [this.op('Div', [x, this.scalar(Math.SQRT2)])]);
    return this.op('Mul', [this.op('Mul', [x, this.op('Add', [erf, this.scalar(1)])]), this.scalar(0.5)]);
  }

  /** GPT-2's tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  geluTanh(x: string): string {
    const cube = this.op('Mul', [this.op('Pow', [x, this.scalar(3)]), this.scalar(0.044715)]);
    const inner = this.op('Mul', [this.op('Add', [x, cube]), this.scalar(Math.sqrt(2 / Math.PI))]);
    return this.op('Mul', [this.op('Mul', [x, this.scalar(0.5)]), this.op('Add', [this.op('Tanh', [inner]), this.scalar(1)])]);
  }

  /** [B, S, H] -> [B, heads, S, H / heads] */
  splitHeads(x: string, heads: number, headDim: number): string {
    return this.op('Transpose', [this.op('Reshape', [x, this.const([0, 0, heads, headDim])])], { perm: [0, 2, 1, 3] });
  }

  /** [B, heads, S, d] -> [B, S, H] */
  mergeHeads(x: string, hidden: number): string {
    return this.op('Reshape', [this.op('Transpose', [x], { perm: [0, 2, 1, 3] }), this.const([0, 0, hidden])]);
  }

  /** softmax(q k^T / sqrt d + bias) v, for [B, heads, S, d] values. */
  attend(q: string, k: string, v: string, bias: string, headDim: number): string {
    const scores = this.op('Mul', [this.op('MatMul', [q, this.op('Transpose', [k], { perm: [0, 1, 3, 2] })]), this.scalar(1 / Math.sqrt(headDim))]);
    return this.op('MatMul', [this.op('Softmax', [this.op('Add', [scores, bias])], { axis: -1 }), v]);
  }

  bytes(): Uint8Array {
    const opsets: Record<string, number> = this.matmul === 'q4' ? { '': 17, 'com.microsoft': 1 } : { '': 17 };
    return encodeModel(this.g.model(opsets, 'onnx-ts make-transformers-models'));
  }
}

// ---- vocabulary and tokenizers ----

export const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
export const WORDS = [
  'the', 'a', 'cat', 'dog', 'sat', 'on', 'mat', 'is', 'was', 'very', 'good', 'bad', 'happy', 'sad', 'movie', 'book',
  'i', 'you', 'love', 'hate', 'this', 'that', 'it', 'and', 'but', 'runs', 'fast', 'slow', 'red', 'blue', 'sky', 'sun',
  'day', 'night', 'great', 'terrible', '.', ',', '!', '?', '##s', '##ing',
];
export const VOCAB = [...SPECIAL, ...WORDS];
export const id = (token: string) => VOCAB.indexOf(token);

/** A WordPiece tokenizer over `vocab`; `specials` are its added special tokens, `unk` its unknown token. */
export function tokenizerJson(bert: boolean, vocab = VOCAB, specials = SPECIAL, unk = '[UNK]'): object {
  const idOf = (token: string) => vocab.indexOf(token);
  const special = (token: string) => ({ id: idOf(token), content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const tokenOf = (t: string) => ({ id: t, ids: [idOf(t)], tokens: [t] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: bert
      ? {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: { '[CLS]': tokenOf('[CLS]'), '[SEP]': tokenOf('[SEP]') },
      }
      : null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece', unk_token: unk, continuing_subword_prefix: '##', max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export function tokenizerConfig(tokenizerClass: string): object {
  return {
    tokenizer_class: tokenizerClass, do_lower_case: true, model_max_length: 32, clean_up_tokenization_spaces: true,
    pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', mask_token: '[MASK]',
  };
}

// ---- BERT ----

const BERT = { hidden: 32, heads: 2, layers: 2, ffn: 64, maxPositions: 32 };

/** A BERT encoder; `classify` adds the pooler and a two-label classifier head. */
export function buildBert(seed: number, classify: boolean): Uint8Array {
  const { hidden, heads, layers, ffn, maxPositions } = BERT;
  const headDim = hidden / heads;
  const net = new Net(seed);
  const g = net.g;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'sequence_length']);
  const types = g.input('token_type_ids', 'int64', ['batch_size', 'sequence_length']);

  const seqLen = net.op('Gather', [net.op('Shape', [ids]), net.const([1], 'int64', [])], { axis: 0 });
  const positions = net.op('Range', [net.const([0], 'int64', []), seqLen, net.const([1], 'int64', [])]);
  let x = net.op('Add', [
    net.op('Add', [
      net.op('Gather', [net.weight('embeddings.word_embeddings.weight', [VOCAB.length, hidden], 1), ids]),
      net.op('Gather', [net.weight('embeddings.position_embeddings.weight', [maxPositions, hidden], 0.3), positions]),
    ]),
    net.op('Gather', [net.weight('embeddings.token_type_embeddings.weight', [2, hidden], 0.3), types]),
  ]);
  x = net.layerNorm(x, 'embeddings.LayerNorm', hidden);

  // (1 - mask) * -10000, broadcast over heads and query positions: [B, 1, 1, S]
  const maskBias = net.op('Mul', [
    net.op('Sub', [net.scalar(1), net.op('Cast', [net.op('Unsqueeze', [mask, net.const([1, 2])])], { to: 1 })]),
    net.scalar(-10000),
  ]);
  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}`;
    const std = 1 / Math.sqrt(hidden);
    const q = net.splitHeads(net.linear(x, `${p}.attention.self.query`, hidden, hidden, std), heads, headDim);
    const k = net.splitHeads(net.linear(x, `${p}.attention.self.key`, hidden, hidden, std), heads, headDim);
    const v = net.splitHeads(net.linear(x, `${p}.attention.self.value`, hidden, hidden, std), heads, headDim);
    const context = net.mergeHeads(net.attend(q, k, v, maskBias, headDim), hidden);
    const attended = net.linear(context, `${p}.attention.output.dense`, hidden, hidden, std);
    x = net.layerNorm(net.op('Add', [attended, x]), `${p}.attention.output.LayerNorm`, hidden);
    const inner = net.geluErf(net.linear(x, `${p}.intermediate.dense`, hidden, ffn, std));
    const out = net.linear(inner, `${p}.output.dense`, ffn, hidden, 1 / Math.sqrt(ffn));
    x = net.layerNorm(net.op('Add', [out, x]), `${p}.output.LayerNorm`, hidden);
  }
  if (!classify) {
    g.node('Identity', [x], {}, { outputs: ['last_hidden_state'] });
    g.output('last_hidden_state', 'float32', ['batch_size', 'sequence_length', hidden]);
  } else {
    const cls = net.op('Gather', [x, net.const([0], 'int64', [])], { axis: 1 });
    const pooled = net.op('Tanh', [net.linear(cls, 'pooler.dense', hidden, hidden, 1 / Math.sqrt(hidden))]);
    g.node('Add', [net.op('MatMul', [pooled, net.weight('classifier.weight', [hidden, 2], 0.5)]), net.weight('classifier.bias', [2], 0)], {}, { outputs: ['logits'] });
    g.output('logits', 'float32', ['batch_size', 2]);
  }
  return net.bytes();
}

export function bertConfig(classify: boolean): object {
  return {
    model_type: 'bert',
    architectures: [classify ? 'BertForSequenceClassification' : 'BertModel'],
    vocab_size: VOCAB.length, hidden_size: BERT.hidden, num_hidden_layers: BERT.layers, num_attention_heads: BERT.heads,
    intermediate_size: BERT.ffn, hidden_act: 'gelu', max_position_embeddings: BERT.maxPositions, type_vocab_size: 2,
    layer_norm_eps: 1e-5, pad_token_id: 0,
    ...(classify ? { id2label: { 0: 'NEGATIVE', 1: 'POSITIVE' }, label2id: { NEGATIVE: 0, POSITIVE: 1 }, problem_type: 'single_label_classification' } : {}),
  };
}

// ---- GPT-2 ----

/** The test decoder's shape; the soak and the generation benchmark ask for longer or larger ones. */
export interface Gpt2Shape { hidden: number; heads: number; layers: number; maxPositions: number; vocab?: number }
const GPT2: Gpt2Shape = { hidden: 32, heads: 2, layers: 2, maxPositions: 64 };

/**
 * A GPT-2 decoder as transformers.js's exports have it: input_ids, attention_mask over past
 * and new tokens, position_ids, and past_key_values.{i}.key/value [B, heads, past, d] in;
 * logits and present.{i}.key/value out.
 */
export function buildGpt2(seed: number, matmul: 'fp32' | 'q8' | 'q4' = 'fp32', shape: Partial<Gpt2Shape> = {}): Uint8Array {
  const { hidden, heads, layers, maxPositions, vocab = VOCAB.length } = { ...GPT2, ...shape };
  const headDim = hidden / heads;
  const net = new Net(seed, matmul);
  const g = net.g;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'total_sequence_length']);
  const positionIds = g.input('position_ids', 'int64', ['batch_size', 'sequence_length']);
  const past = Array.from({ length: layers }, (_, l) => ({
    key: g.input(`past_key_values.${l}.key`, 'float32', ['batch_size', heads, 'past_sequence_length', headDim]),
    value: g.input(`past_key_values.${l}.value`, 'float32', ['batch_size', heads, 'past_sequence_length', headDim]),
  }));

  const wte = net.weight('transformer.wte.weight', [vocab, hidden], 1);
  let x = net.op('Add', [net.op('Gather', [wte, ids]), net.op('Gather', [net.weight('transformer.wpe.weight', [maxPositions, hidden], 1), positionIds])]);

  // query i (at absolute position past + i) sees key j when j <= past + i and the mask keeps j
  const dim = (t: string, axis: number) => net.op('Gather', [net.op('Shape', [t]), net.const([axis], 'int64', [])], { axis: 0 });
  const total = dim(mask, 1);
  const pastLen = net.op('Sub', [total, dim(ids, 1)]);
  const one = net.const([1], 'int64', []);
  const queryPos = net.op('Unsqueeze', [net.op('Range', [pastLen, total, one]), net.const([1])]);
  const keyPos = net.op('Unsqueeze', [net.op('Range', [net.const([0], 'int64', []), total, one]), net.const([0])]);
  const causal = net.op('LessOrEqual', [keyPos, queryPos]);
  const kept = net.op('Cast', [net.op('Unsqueeze', [mask, net.const([1, 2])])], { to: 9 });
  const bias = net.op('Where', [net.op('And', [causal, kept]), net.scalar(0), net.scalar(-10000)]);

  for (let l = 0; l < layers; l++) {
    const p = `transformer.h.${l}`;
    const std = 1 / Math.sqrt(hidden);
    const qkv = net.linear(net.layerNorm(x, `${p}.ln_1`, hidden), `${p}.attn.c_attn`, hidden, 3 * hidden, std);
    const [q, k, v] = g.node('Split', [qkv, net.const([hidden, hidden, hidden])], { axis: -1 }, { outputs: 3 });
    const presentKey = `present.${l}.key`;
    const presentValue = `present.${l}.value`;
    g.node('Concat', [past[l].key, net.splitHeads(k, heads, headDim)], { axis: 2 }, { outputs: [presentKey] });
    g.node('Concat', [past[l].value, net.splitHeads(v, heads, headDim)], { axis: 2 }, { outputs: [presentValue] });
    const context = net.mergeHeads(net.attend(net.splitHeads(q, heads, headDim), presentKey, presentValue, bias, headDim), hidden);
    x = net.op('Add', [x, net.linear(context, `${p}.attn.c_proj`, hidden, hidden, std)]);
    const inner = net.geluTanh(net.linear(net.layerNorm(x, `${p}.ln_2`, hidden), `${p}.mlp.c_fc`, hidden, 4 * hidden, std));
    x = net.op('Add', [x, net.linear(inner, `${p}.mlp.c_proj`, 4 * hidden, hidden, 1 / Math.sqrt(4 * hidden))]);
  }
  const final = net.layerNorm(x, 'transformer.ln_f', hidden);
  // an untied head with wide logits: greedy picks far from ties between runtimes, and text
  // that does not settle on repeating the last token
  g.node('MatMul', [final, net.weight('lm_head.weight', [hidden, vocab], 1)], {}, { outputs: ['logits'] });
  g.output('logits', 'float32', ['batch_size', 'sequence_length', vocab]);
  for (let l = 0; l < layers; l++) {
    g.output(`present.${l}.key`, 'float32', ['batch_size', heads, 'total_sequence_length', headDim]);
    g.output(`present.${l}.value`, 'float32', ['batch_size', heads, 'total_sequence_length', headDim]);
  }
  return net.bytes();
}

export function gpt2Config(shape: Partial<Gpt2Shape> = {}): object {
  const { hidden, heads, layers, maxPositions, vocab = VOCAB.length } = { ...GPT2, ...shape };
  return {
    model_type: 'gpt2', architectures: ['GPT2LMHeadModel'],
    vocab_size: vocab, n_embd: hidden, n_head: heads, n_layer: layers, n_positions: maxPositions,
    n_ctx: maxPositions, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5,
    // no end-of-sequence token: every greedy generation runs to max_new_tokens
    bos_token_id: id('[CLS]'), eos_token_id: null, pad_token_id: id('[PAD]'), use_cache: true,
  };
}

// ---- writing ----

/**
 * onnx: file name under onnx/ (transformers.js's dtype suffixes: model.onnx, model_quantized.onnx, model_q4.onnx) to bytes;
 * json: more of the folder's JSON files (preprocessor_config.json, generation_config.json) by name.
 */
export function writeModelFolder(dir: string, files: { config: object; tokenizer?: object; tokenizerConfig?: object; json?: Record<string, object>; onnx: Record<string, Uint8Array> }): void {
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  const json = (file: string, value: object) => fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 1)}\n`);
  json('config.json', files.config);
  if (files.tokenizer) json('tokenizer.json', files.tokenizer);
  if (files.tokenizerConfig) json('tokenizer_config.json', files.tokenizerConfig);
  for (const [file, value] of Object.entries(files.json ?? {})) json(file, value);
  for (const [file, bytes] of Object.entries(files.onnx)) fs.writeFileSync(path.join(dir, 'onnx', file), bytes);
}
