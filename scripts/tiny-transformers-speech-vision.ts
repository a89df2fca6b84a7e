// Tiny Whisper- and ViT-shaped models for transformers.js's automatic-speech-recognition and
// image-classification pipelines, built with tiny-transformers.ts's Net (random weights from a
// fixed seed) and written with the files transformers.js reads for each: config.json,
// preprocessor_config.json, and for Whisper generation_config.json and a tokenizer.
import { GraphBuilder } from '../graph/graph-builder.js';
import { Net, WORDS, tokenizerJson, type writeModelFolder } from './tiny-transformers.js';

type Files = Parameters<typeof writeModelFolder>[1];

// ---- Whisper ----

/**
 * Whisper's vocabulary puts its special tokens after the text ones: transformers.js's
 * WhisperTokenizer takes every id past <|notimestamps|> for a timestamp.
 */
const WHISPER_SPECIAL = ['<|endoftext|>', '<|startoftranscript|>', '<|en|>', '<|transcribe|>', '<|notimestamps|>'];
const WHISPER_VOCAB = [...WORDS, ...WHISPER_SPECIAL];
const whisperId = (token: string) => WHISPER_VOCAB.indexOf(token);

/**
 * One second of 16 kHz audio (chunk_length 1 instead of Whisper's 30, so 100 mel frames in and
 * 50 encoder positions out), 80 mel bins as Whisper has.
 */
const WHISPER = { mels: 80, frames: 100, hidden: 32, heads: 2, encoderLayers: 1, decoderLayers: 2, ffn: 64, maxTargetPositions: 32, samplingRate: 16000, hop: 160 };

/** The pre-norm self-attention's query, key and value of [B, S, H], split into heads. */
function selfAttentionHeads(net: Net, x: string, p: string): { query: string; key: string; value: string } {
  const { hidden, heads } = WHISPER;
  const std = 1 / Math.sqrt(hidden);
  const h = net.layerNorm(x, `${p}.self_attn_layer_norm`, hidden);
  const [query, key, value] = ['q', 'k', 'v'].map((n) => net.splitHeads(net.linear(h, `${p}.self_attn.${n}_proj`, hidden, hidden, std), heads, hidden / heads));
  return { query, key, value };
}

function feedForward(net: Net, x: string, p: string): string {
  const { hidden, ffn } = WHISPER;
  const inner = net.geluErf(net.linear(net.layerNorm(x, `${p}.final_layer_norm`, hidden), `${p}.fc1`, hidden, ffn, 1 / Math.sqrt(hidden)));
  return net.op('Add', [x, net.linear(inner, `${p}.fc2`, ffn, hidden, 1 / Math.sqrt(ffn))]);
}

/** input_features [B, 80, 100] -> two convolutions (the second of stride 2) -> pre-norm layers -> last_hidden_state [B, 50, H]. */
export function buildWhisperEncoder(seed: number): Uint8Array {
  const { mels, frames, hidden, heads, encoderLayers } = WHISPER;
  const headDim = hidden / heads;
  const net = new Net(seed);
  const g = net.g;
  const features = g.input('input_features', 'float32', ['batch_size', mels, 'encoder_sequence_length']);
  const conv = (x: string, name: string, inDim: number, strides: number) => net.geluErf(net.op('Conv', [
    x, net.weight(`${name}.weight`, [hidden, inDim, 3], 1 / Math.sqrt(3 * inDim)), net.weight(`${name}.bias`, [hidden], 0.05),
  ], { kernel_shape: [3], pads: [1, 1], strides: [strides] }));
  const convolved = conv(conv(features, 'encoder.conv1', mels, 1), 'encoder.conv2', hidden, 2);
  let x = net.op('Add', [net.op('Transpose', [convolved], { perm: [0, 2, 1] }), net.weight('encoder.embed_positions.weight', [frames / 2, hidden], 0.3)]);
  const none = net.scalar(0);
  for (let l = 0; l < encoderLayers; l++) {
    const p = `encoder.layers.${l}`;
    const { query, key, value } = selfAttentionHeads(net, x, p);
    const context = net.mergeHeads(net.attend(query, key, value, none, headDim), hidden);
    x = feedForward(net, net.op('Add', [x, net.linear(context, `${p}.self_attn.out_proj`, hidden, hidden, 1 / Math.sqrt(hidden))]), p);
  }
  g.node('Identity', [net.layerNorm(x, 'encoder.layer_norm', hidden)], {}, { outputs: ['last_hidden_state'] });
  g.output('last_hidden_state', 'float32', ['batch_size', 'encoder_sequence_length / 2', hidden]);
  return net.bytes();
}

/**
 * The decoder as Optimum merges it (decoder_model_merged.onnx): input_ids, encoder_hidden_states,
 * past_key_values.{i}.decoder/encoder.key/value and use_cache_branch in; logits and
 * present.{i}.decoder/encoder.key/value out. An If on use_cache_branch chooses the cross-attention
 * keys and values: projected from encoder_hidden_states on the first step, the cached ones after.
 */
export function buildWhisperDecoder(seed: number): Uint8Array {
  const { hidden, heads, decoderLayers, maxTargetPositions } = WHISPER;
  const headDim = hidden / heads;
  const vocab = WHISPER_VOCAB.length;
  const std = 1 / Math.sqrt(hidden);
  const net = new Net(seed);
  const g = net.g;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']);
  const encoded = g.input('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length / 2', hidden]);
  const past = Array.from({ length: decoderLayers }, (_, l) => {
    const cache = (kind: string, part: string, length: string) => g.input(`past_key_values.${l}.${kind}.${part}`, 'float32', ['batch_size', heads, length, headDim]);
    return {
      key: cache('decoder', 'key', 'past_decoder_sequence_length'), value: cache('decoder', 'value', 'past_decoder_sequence_length'),
      crossKey: cache('encoder', 'key', 'encoder_sequence_length_out'), crossValue: cache('encoder', 'value', 'encoder_sequence_length_out'),
    };
  });
  const useCache = g.input('use_cache_branch', 'bool', [1]);

  const dim = (t: string, axis: number) => net.op('Gather', [net.op('Shape', [t]), net.const([axis], 'int64', [])], { axis: 0 });
  const pastLen = dim(past[0].key, 2);
  const total = net.op('Add', [pastLen, dim(ids, 1)]);
  const one = net.const([1], 'int64', []);
  const positions = net.op('Range', [pastLen, total, one]);
  let x = net.op('Add', [
    net.op('Gather', [net.weight('decoder.embed_tokens.weight', [vocab, hidden], 1), ids]),
    net.op('Gather', [net.weight('decoder.embed_positions.weight', [maxTargetPositions, hidden], 0.3), positions]),
  ]);
  // query i (at position past + i) sees key j when j <= past + i
  const queryPos = net.op('Unsqueeze', [positions, net.const([1])]);
  const keyPos = net.op('Unsqueeze', [net.op('Range', [net.const([0], 'int64', []), total, one]), net.const([0])]);
  const causal = net.op('Where', [net.op('LessOrEqual', [keyPos, queryPos]), net.scalar(0), net.scalar(-10000)]);

  // the If's branches read the weights and encoder_hidden_states from the outer graph
  const cached = new GraphBuilder('use_cache');
  const computed = new GraphBuilder('first_step');
  const crossNames: string[] = [];
  for (let l = 0; l < decoderLayers; l++) {
    const p = `decoder.layers.${l}.encoder_attn`;
    for (const [part, pastValue] of [['key', past[l].crossKey], ['value', past[l].crossValue]] as const) {
      const weight = net.weight(`${p}.${part[0]}_proj.weight`, [hidden, hidden], std);
      const bias = net.weight(`${p}.${part[0]}_proj.bias`, [hidden], 0.05);
      const projected = computed.op('Add', [computed.op('MatMul', [encoded, weight]), bias]);
      const split = computed.op('Transpose', [computed.op('Reshape', [projected, net.const([0, 0, heads, headDim])])], { perm: [0, 2, 1, 3] });
      computed.node('Identity', [split], {}, { outputs: [`first_step.${l}.${part}`] });
      computed.output(`first_step.${l}.${part}`, 'float32');
      cached.node('Identity', [pastValue], {}, { outputs: [`use_cache.${l}.${part}`] });
      cached.output(`use_cache.${l}.${part}`, 'float32');
      crossNames.push(`present.${l}.encoder.${part}`);
    }
  }
  g.node('If', [useCache], { then_branch: cached.graph(), else_branch: computed.graph() }, { outputs: crossNames });

  const none = net.scalar(0);
  for (let l = 0; l < decoderLayers; l++) {
    const p = `decoder.layers.${l}`;
    const { query, key, value } = selfAttentionHeads(net, x, p);
    g.node('Concat', [past[l].key, key], { axis: 2 }, { outputs: [`present.${l}.decoder.key`] });
    g.node('Concat', [past[l].value, value], { axis: 2 }, { outputs: [`present.${l}.decoder.value`] });
    const context = net.mergeHeads(net.attend(query, `present.${l}.decoder.key`, `present.${l}.decoder.value`, causal, headDim), hidden);
    x = net.op('Add', [x, net.linear(context, `${p}.self_attn.out_proj`, hidden, hidden, std)]);

    const h = net.layerNorm(x, `${p}.encoder_attn_layer_norm`, hidden);
    const crossQuery = net.splitHeads(net.linear(h, `${p}.encoder_attn.q_proj`, hidden, hidden, std), heads, headDim);
    const crossContext = net.mergeHeads(net.attend(crossQuery, `present.${l}.encoder.key`, `present.${l}.encoder.value`, none, headDim), hidden);
    x = feedForward(net, net.op('Add', [x, net.linear(crossContext, `${p}.encoder_attn.out_proj`, hidden, hidden, std)]), p);
  }
  const final = net.layerNorm(x, 'decoder.layer_norm', hidden);
  // untied and wide, as the GPT-2 test decoder's: greedy picks far from ties, text that moves on
  g.node('MatMul', [final, net.weight('proj_out.weight', [hidden, vocab], 1)], {}, { outputs: ['logits'] });
  g.output('logits', 'float32', ['batch_size', 'decoder_sequence_length', vocab]);
  for (let l = 0; l < decoderLayers; l++) {
    g.output(`present.${l}.decoder.key`, 'float32', ['batch_size', heads, 'past_decoder_sequence_length + 1', headDim]);
    g.output(`present.${l}.decoder.value`, 'float32', ['batch_size', heads, 'past_decoder_sequence_length + 1', headDim]);
    g.output(`present.${l}.encoder.key`, 'float32', ['batch_size', heads, 'encoder_sequence_length_out', headDim]);
    g.output(`present.${l}.encoder.value`, 'float32', ['batch_size', heads, 'encoder_sequence_length_out', headDim]);
  }
  return net.bytes();
}

/** The Whisper folder: encoder_model.onnx and decoder_model_merged.onnx, as transformers.js's Seq2Seq models load them. */
export function whisperFiles(seed: number): Files {
  const { mels, frames, hidden, heads, encoderLayers, decoderLayers, ffn, maxTargetPositions, samplingRate, hop } = WHISPER;
  const [eot, sot, en, transcribe, noTimestamps] = WHISPER_SPECIAL.map(whisperId);
  const tokens = { decoder_start_token_id: sot, bos_token_id: eot, eos_token_id: eot, pad_token_id: eot };
  const chunkLength = (frames * hop) / samplingRate;
  return {
    config: {
      model_type: 'whisper', architectures: ['WhisperForConditionalGeneration'], is_encoder_decoder: true,
      vocab_size: WHISPER_VOCAB.length, num_mel_bins: mels, d_model: hidden,
      encoder_layers: encoderLayers, encoder_attention_heads: heads, encoder_ffn_dim: ffn,
      decoder_layers: decoderLayers, decoder_attention_heads: heads, decoder_ffn_dim: ffn,
      max_source_positions: frames / 2, max_target_positions: maxTargetPositions, activation_function: 'gelu',
      scale_embedding: false, use_cache: true, ...tokens,
    },
    tokenizer: tokenizerJson(false, WHISPER_VOCAB, WHISPER_SPECIAL, '<|endoftext|>'),
    tokenizerConfig: {
      tokenizer_class: 'WhisperTokenizer', model_max_length: maxTargetPositions, clean_up_tokenization_spaces: true,
      bos_token: '<|endoftext|>', eos_token: '<|endoftext|>', pad_token: '<|endoftext|>', unk_token: '<|endoftext|>',
    },
    json: {
      'preprocessor_config.json': {
        processor_class: 'WhisperProcessor', feature_extractor_type: 'WhisperFeatureExtractor',
        feature_size: mels, sampling_rate: samplingRate, hop_length: hop, n_fft: 400, chunk_length: chunkLength,
        n_samples: chunkLength * samplingRate, nb_max_frames: frames, padding_side: 'right', padding_value: 0, return_attention_mask: false,
      },
      'generation_config.json': {
        ...tokens, max_length: maxTargetPositions, is_multilingual: true,
        lang_to_id: { '<|en|>': en }, task_to_id: { transcribe }, no_timestamps_token_id: noTimestamps,
        // as Whisper's: no end of text first, and no prompt tokens generated
        begin_suppress_tokens: [eot], suppress_tokens: [sot, en, transcribe, noTimestamps],
      },
    },
    onnx: { 'encoder_model.onnx': buildWhisperEncoder(seed), 'decoder_model_merged.onnx': buildWhisperDecoder(seed + 1) },
  };
}

// ---- ViT ----

const VIT = { image: 32, patch: 8, channels: 3, hidden: 32, heads: 2, layers: 2, ffn: 64 };
export const VIT_LABELS = ['sky', 'grass', 'sand', 'stone'];

/** pixel_values [B, 3, 32, 32] -> 8x8 patches, a class token, pre-norm layers -> logits [B, labels] from the class token. */
export function buildVit(seed: number): Uint8Array {
  const { image, patch, channels, hidden, heads, layers, ffn } = VIT;
  const headDim = hidden / heads;
  const patches = (image / patch) ** 2;
  const std = 1 / Math.sqrt(hidden);
  const net = new Net(seed);
  const g = net.g;
  const pixels = g.input('pixel_values', 'float32', ['batch_size', channels, image, image]);
  const embedded = net.op('Conv', [
    pixels, net.weight('vit.embeddings.patch_embeddings.projection.weight', [hidden, channels, patch, patch], 1 / patch),
    net.weight('vit.embeddings.patch_embeddings.projection.bias', [hidden], 0.05),
  ], { kernel_shape: [patch, patch], strides: [patch, patch] });
  const sequence = net.op('Transpose', [net.op('Reshape', [embedded, net.const([0, hidden, patches])])], { perm: [0, 2, 1] });
  const batch = net.op('Slice', [net.op('Shape', [pixels]), net.const([0]), net.const([1])]);
  const cls = net.op('Expand', [net.weight('vit.embeddings.cls_token', [1, 1, hidden], 1), net.op('Concat', [batch, net.const([1, hidden])], { axis: 0 })]);
  let x = net.op('Add', [net.op('Concat', [cls, sequence], { axis: 1 }), net.weight('vit.embeddings.position_embeddings', [1, patches + 1, hidden], 0.3)]);
  const none = net.scalar(0);
  for (let l = 0; l < layers; l++) {
    const p = `vit.encoder.layer.${l}`;
    const h = net.layerNorm(x, `${p}.layernorm_before`, hidden);
    const [q, k, v] = ['query', 'key', 'value'].map((n) => net.splitHeads(net.linear(h, `${p}.attention.attention.${n}`, hidden, hidden, std), heads, headDim));
    const context = net.mergeHeads(net.attend(q, k, v, none, headDim), hidden);
    x = net.op('Add', [x, net.linear(context, `${p}.attention.output.dense`, hidden, hidden, std)]);
    const inner = net.geluErf(net.linear(net.layerNorm(x, `${p}.layernorm_after`, hidden), `${p}.intermediate.dense`, hidden, ffn, std));
    x = net.op('Add', [x, net.linear(inner, `${p}.output.dense`, ffn, hidden, 1 / Math.sqrt(ffn))]);
  }
  const clsOut = net.op('Gather', [net.layerNorm(x, 'vit.layernorm', hidden), net.const([0], 'int64', [])], { axis: 1 });
  g.node('Add', [net.op('MatMul', [clsOut, net.weight('classifier.weight', [hidden, VIT_LABELS.length], 0.5)]), net.weight('classifier.bias', [VIT_LABELS.length], 0)], {}, { outputs: ['logits'] });
  g.output('logits', 'float32', ['batch_size', VIT_LABELS.length]);
  return net.bytes();
}

/** The ViT folder: model.onnx and a ViTImageProcessor that rescales and normalizes 32x32 images (no resize for images of that size). */
export function vitFiles(seed: number): Files {
  const { image, patch, channels, hidden, heads, layers, ffn } = VIT;
  return {
    config: {
      model_type: 'vit', architectures: ['ViTForImageClassification'],
      image_size: image, patch_size: patch, num_channels: channels, hidden_size: hidden, num_hidden_layers: layers,
      num_attention_heads: heads, intermediate_size: ffn, hidden_act: 'gelu', layer_norm_eps: 1e-5,
      id2label: Object.fromEntries(VIT_LABELS.map((label, i) => [i, label])), label2id: Object.fromEntries(VIT_LABELS.map((label, i) => [label, i])),
    },
    json: {
      'preprocessor_config.json': {
        image_processor_type: 'ViTImageProcessor', do_resize: true, size: { height: image, width: image }, resample: 2,
        do_rescale: true, rescale_factor: 1 / 255, do_normalize: true, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5],
      },
    },
    onnx: { 'model.onnx': buildVit(seed) },
  };
}
