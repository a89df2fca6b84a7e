// Writes test/transformers/models/: tiny models in transformers.js's folder layout
// (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), random weights from a
// fixed seed and a small hand-written vocabulary, for the end-to-end pipeline tests:
//   tiny-bert            BertModel (feature-extraction: last_hidden_state, mean pooling)
//   tiny-bert-sentiment  BertForSequenceClassification (text-classification: logits, 2 labels)
//   tiny-gpt2            GPT2LMHeadModel with past key/values (text-generation), also as q8
//                        (dynamic quantization) and q4 (MatMulNBits), quantized here
//   tiny-whisper         WhisperForConditionalGeneration (automatic-speech-recognition):
//                        encoder_model.onnx, decoder_model_merged.onnx (If on use_cache_branch)
//   tiny-vit             ViTForImageClassification (image-classification: logits, 4 labels)
// Then, where onnxruntime-node is installed (bench/reference) and so is transformers.js
// (test/transformers/fixture), it runs the same pipelines on onnxruntime-node and writes
// their outputs to reference-outputs.json, which the tests compare with when onnxruntime-node
// is not installed.
// Run: npx tsx scripts/make-transformers-models.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bertConfig, buildBert, buildGpt2, gpt2Config, tokenizerConfig, tokenizerJson, writeModelFolder } from './tiny-transformers.js';
import { vitFiles, whisperFiles } from './tiny-transformers-speech-vision.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'test', 'transformers', 'models');
const writeModel = (name: string, files: Parameters<typeof writeModelFolder>[1]) => writeModelFolder(path.join(OUT, name), files);

writeModel('tiny-bert', { config: bertConfig(false), tokenizer: tokenizerJson(true), tokenizerConfig: tokenizerConfig('BertTokenizer'), onnx: { 'model.onnx': buildBert(1, false) } });
writeModel('tiny-bert-sentiment', { config: bertConfig(true), tokenizer: tokenizerJson(true), tokenizerConfig: tokenizerConfig('BertTokenizer'), onnx: { 'model.onnx': buildBert(2, true) } });
writeModel('tiny-gpt2', { config: gpt2Config(), tokenizer: tokenizerJson(false), tokenizerConfig: tokenizerConfig('GPT2Tokenizer'), onnx: {
    'model.onnx': buildGpt2(3), 'model_quantized.onnx': buildGpt2(3, 'q8'), 'model_q4.onnx': buildGpt2(3, 'q4'),
  },
});
writeModel('tiny-whisper', whisperFiles(110));
writeModel('tiny-vit', vitFiles(230));
console.log(`wrote ${path.relative(ROOT, OUT)}/{tiny-bert,tiny-bert-sentiment,tiny-gpt2,tiny-whisper,tiny-vit}`);

const referenceScript = path.join(ROOT, 'test', 'transformers', 'reference-outputs.ts');
if (fs.existsSync(path.join(ROOT, 'bench', 'reference', 'node_modules', 'onnxruntime-node'))) {
  execFileSync(process.execPath, ['--import', 'tsx', referenceScript, '--write'], { stdio: 'inherit', cwd: ROOT });
} else {
  console.log('onnxruntime-node is not installed (bench/reference): reference-outputs.json left as it was');
}
