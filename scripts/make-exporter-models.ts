// Writes test/models/exporter/: models shaped the way real exporters write them, each with fixed
// inputs and onnxruntime-node's outputs in the ONNX backend-test layout
// (<name>/model.onnx, <name>/test_data_set_N/{input,output}_K.pb), read by
// test/models/exporter-models.test.ts:
//   *-ort-optimized      saved by onnxruntime itself (graphOptimizationLevel 'all',
//                        optimizedModelFilePath), so its own fusions are in the file, from
//                        pytorch-bert   a BERT in torch.onnx's opset-12 spelling
//                                       (exporter-models/pytorch-bert.ts), the pattern ORT's
//                                       Attention and EmbedLayerNormalization fusions match
//                        tiny-bert      transformers.js's tiny-bert (test/transformers/models)
//                        with inputs fixed to [1, 8], or (-dynamic) symbolic: ORT fuses less
//                        then (its SkipLayerNormalization fusion wants every dim known)
//   genai-decoder        a decoder step in onnxruntime-genai's model-builder shape
//                        (exporter-models/genai-decoder.ts), two steps: a 4-token prompt,
//                        then 1 token with the presents fed back as past
//   tiny-bert-q8         tiny-bert dynamically quantized (DynamicQuantizeLinear + MatMulInteger)
// References come from onnxruntime-node with optimizations off, so it runs the file's own nodes.
// Run: npx tsx scripts/make-exporter-models.ts
// Needs bench/reference installed (ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install --prefix bench/reference).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataType } from '../data/dtype.js';
import { Tensor } from '../data/tensor.js';
import { encodeModel, encodeTensor } from '../graph/encode-model.js';
import type { Model } from '../graph/ir.js';
import { loadModel } from '../graph/load-model.js';
import { TensorProtoType } from '../graph/proto/onnx-reflection.js';
import { SeededRandom } from './contrib-cases/seeded-random.js';
import { DECODER, buildGenaiDecoder } from './exporter-models/genai-decoder.js';
import { PYTORCH_BERT, buildPytorchBert } from './exporter-models/pytorch-bert.js';
import { quantizeModel } from './make-quantized-models.js';
import { VOCAB } from './tiny-transformers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'test', 'models', 'exporter');
const TINY_BERT = path.join(ROOT, 'test', 'transformers', 'models', 'tiny-bert', 'onnx', 'model.onnx');

interface OrtTensor { type: string; data: ArrayLike<unknown>; dims: readonly number[] }
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array | string, options: object): Promise<OrtSession> };
}

const ort = createRequire(path.join(ROOT, 'bench', 'reference', 'package.json'))('onnxruntime-node') as Ort;

const fromOrt = (t: OrtTensor): Tensor =>
  new Tensor(t.type as DataType, (t.data as unknown as { slice(): Tensor['data'] }).slice(), [...t.dims]);

/** onnxruntime-node's outputs for `feeds`, given in graph input order. */
async function ortRun(model: Uint8Array, feeds: Tensor[], level: 'disabled' | 'all' = 'disabled'): Promise<Tensor[]> {
  const s = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], graphOptimizationLevel: level, logSeverityLevel: 3 });
  try {
    const out = await s.run(Object.fromEntries(s.inputNames.map((n, i) => [n, new ort.Tensor(feeds[i].type, feeds[i].data, feeds[i].dims)])));
    return s.outputNames.map((n) => fromOrt(out[n]));
  } finally {
    await s.release();
  }
}

/** The file onnxruntime writes for `model` at level 'all' (its own fused com.microsoft nodes). */
async function ortOptimized(model: Uint8Array): Promise<Uint8Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-exporter-'));
  try {
    const file = path.join(dir, 'optimized.onnx');
    const s = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], graphOptimizationLevel: 'all', optimizedModelFilePath: file, logSeverityLevel: 3 });
    await s.release();
    return new Uint8Array(fs.readFileSync(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function writeTensor(file: string, t: Tensor, name: string): void {
  fs.writeFileSync(file, TensorProtoType.encode(TensorProtoType.fromObject(encodeTensor(t, name))).finish());
}

interface DataSet { inputs: Tensor[]; outputs: Tensor[] }

function writeModel(name: string, bytes: Uint8Array, sets: DataSet[]): void {
  const dir = path.join(OUT_DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.onnx'), bytes);
  const g = loadModel(bytes).graph;
  const fed = g.inputs.filter((i) => !g.initializers.has(i.name));
  sets.forEach((set, n) => {
    const setDir = path.join(dir, `test_data_set_${n}`);
    fs.mkdirSync(setDir);
    set.inputs.forEach((t, i) => writeTensor(path.join(setDir, `input_${i}.pb`), t, fed[i].name));
    set.outputs.forEach((t, i) => writeTensor(path.join(setDir, `output_${i}.pb`), t, g.outputs[i].name));
  });
  const ops = [...new Set(g.nodes.filter((n) => n.domain !== '').map((n) => `${n.domain}.${n.opType}`))].sort();
  console.log(`${name}: ${(bytes.length / 1024).toFixed(0)} KiB, ${sets.length} data set(s), contrib ops: ${ops.join(', ') || 'none'}`);
}

const int64 = (values: number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);

/** BERT feeds: random token ids, a mask with the last `padding` positions off, token types 0 then 1. */
function bertFeeds(rng: SeededRandom, vocab: number, batch: number, seq: number, padding: number): Tensor[] {
  const ids = Array.from({ length: batch * seq }, () => rng.int(5, vocab - 1));
  const mask = Array.from({ length: batch * seq }, (_, i) => (i % seq < seq - padding ? 1 : 0));
  const types = Array.from({ length: batch * seq }, (_, i) => (i % seq < seq / 2 ? 0 : 1));
  return [int64(ids, [batch, seq]), int64(mask, [batch, seq]), int64(types, [batch, seq])];
}

/** Largest |a - b| over all outputs, to show the saved file still computes the original model. */
function maxDiff(a: Tensor[], b: Tensor[]): number {
  let worst = 0;
  a.forEach((t, i) => (t.data as Float32Array).forEach((v, j) => { worst = Math.max(worst, Math.abs(v - (b[i].data as Float32Array)[j])); }));
  return worst;
}

/** `model` with every input (and output) dim fixed: onnxruntime's SkipLayerNormalization fusion wants them known. */
function withFixedDims(model: Model, batch: number, seq: number): Model {
  for (const v of model.graph.inputs) if (v.type?.kind === 'tensor') v.type.shape = [batch, seq];
  for (const v of model.graph.outputs) if (v.type?.kind === 'tensor' && v.type.shape) v.type.shape = [batch, seq, ...v.type.shape.slice(2)];
  return model;
}

async function ortOptimizedModel(name: string, source: Model, vocab: number, [batch, seq]: [number, number], seed: number): Promise<void> {
  const original = encodeModel(source);
  const bytes = await ortOptimized(original);
  const inputs = bertFeeds(new SeededRandom(seed), vocab, batch, seq, 2);
  const outputs = await ortRun(bytes, inputs);
  console.log(`  ${name} optimized vs original on onnxruntime: max abs diff ${maxDiff(outputs, await ortRun(original, inputs)).toExponential(2)}`);
  writeModel(name, bytes, [{ inputs, outputs }]);
}

const tinyBert = () => loadModel(new Uint8Array(fs.readFileSync(TINY_BERT)));

async function genaiDecoder(): Promise<void> {
  const bytes = encodeModel(buildGenaiDecoder());
  const { layers, kvHeads, hidden, heads, vocab } = DECODER;
  const rng = new SeededRandom(83);
  const emptyPast = Array.from({ length: 2 * layers }, () => new Tensor('float32', new Float32Array(0), [1, kvHeads, 0, hidden / heads]));
  const prompt = [int64(Array.from({ length: 4 }, () => rng.int(0, vocab - 1)), [1, 4]), int64([1, 1, 1, 1], [1, 4]), ...emptyPast];
  const first = await ortRun(bytes, prompt);
  const next = [int64([rng.int(0, vocab - 1)], [1, 1]), int64([1, 1, 1, 1, 1], [1, 5]), ...first.slice(1)];
  const second = await ortRun(bytes, next);
  writeModel('genai-decoder', bytes, [{ inputs: prompt, outputs: first }, { inputs: next, outputs: second }]);
}

async function bertQ8(): Promise<void> {
  const { model, quantized } = quantizeModel(tinyBert(), 'q8');
  const bytes = encodeModel(model);
  const inputs = bertFeeds(new SeededRandom(84), VOCAB.length, 2, 6, 2);
  console.log(`  ${quantized} MatMuls quantized`);
  writeModel('tiny-bert-q8', bytes, [{ inputs, outputs: await ortRun(bytes, inputs) }]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
await ortOptimizedModel('pytorch-bert-ort-optimized', buildPytorchBert(1, 8), PYTORCH_BERT.vocab, [1, 8], 85);
await ortOptimizedModel('pytorch-bert-ort-optimized-dynamic', buildPytorchBert('batch_size', 'sequence_length', 'tanh'), PYTORCH_BERT.vocab, [2, 6], 86);
await ortOptimizedModel('tiny-bert-ort-optimized', withFixedDims(tinyBert(), 1, 8), VOCAB.length, [1, 8], 81);
await ortOptimizedModel('tiny-bert-ort-optimized-dynamic', tinyBert(), VOCAB.length, [2, 6], 82);
await genaiDecoder();
await bertQ8();
