// transformers.js pipelines, end to end and offline, on onnx-ts: the tiny models of
// scripts/make-transformers-models.ts give the same outputs as on onnxruntime-node. The
// reference runs live where onnxruntime-node is installed (bench/reference), else it is the
// generator's reference-outputs.json. transformers.js itself is installed in the fixture
// project (FIXTURE_INSTALL, run by .ci/run); without it these tests are skipped, except in CI.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as onnxTs from '../../src/index.js';
import { Tensor } from '../../src/index.js';
import {
  FIXTURE_INSTALL, GENERATION_DTYPES, NEW_TOKENS, type PipelineOutputs, PROMPT, REFERENCE_OUTPUTS, TRANSCRIPTION_TOKENS, loadTransformers, runPipelines,
  transformersInstalled,
} from './pipelines.js';

const run = promisify(execFile);
const installed = transformersInstalled();
const onnxruntimeNode = fs.existsSync(path.resolve('bench/reference/node_modules/onnxruntime-node'));
const built = fs.existsSync(path.resolve('dist/src/index.js'));

/** A child process of its own: transformers.js picks its runtime once, when it loads. */
async function childOutputs(script: string, ...args: string[]): Promise<PipelineOutputs & Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('test', 'transformers', script), ...args], { maxBuffer: 2 ** 26 });
  return JSON.parse(stdout);
}

function expectSameOutputs(actual: PipelineOutputs, expected: PipelineOutputs): void {
  expect(actual.embeddings.length).toBe(expected.embeddings.length);
  actual.embeddings.forEach((row, i) => {
    expect(row.length).toBe(expected.embeddings[i].length);
    const worst = Math.max(...row.map((v, j) => Math.abs(v - expected.embeddings[i][j])));
    expect(worst, `sentence ${i}: largest embedding difference`).toBeLessThan(1e-4);
  });
  expect(actual.classification.map((r) => r.map((c) => c.label))).toEqual(expected.classification.map((r) => r.map((c) => c.label)));
  actual.classification.forEach((r, i) => r.forEach((c, j) => expect(c.score).toBeCloseTo(expected.classification[i][j].score, 4)));
  for (const dtype of GENERATION_DTYPES) {
    expect(actual.generation[dtype].ids, dtype).toEqual(expected.generation[dtype].ids);
    expect(actual.generation[dtype].text, dtype).toBe(expected.generation[dtype].text);
  }
  expect(actual.transcription.ids, 'Whisper token ids').toEqual(expected.transcription.ids);
  expect(actual.transcription.text, 'Whisper text').toBe(expected.transcription.text);
  expect(actual.imageClassification.map((r) => r.map((c) => c.label))).toEqual(expected.imageClassification.map((r) => r.map((c) => c.label)));
  actual.imageClassification.forEach((r, i) => r.forEach((c, j) => expect(c.score).toBeCloseTo(expected.imageClassification[i][j].score, 4)));
}

describe.skipIf(!installed && !process.env.CI)('transformers.js pipelines on onnx-ts', () => {
  let ours: PipelineOutputs;
  let reference: PipelineOutputs;

  beforeAll(async () => {
    if (!installed) throw new Error(`transformers.js is not installed for these tests: run ${FIXTURE_INSTALL}`);
    const [mine, theirs] = await Promise.all([
      loadTransformers(onnxTs).then((t) => runPipelines(t)),
      onnxruntimeNode ? childOutputs('reference-outputs.ts') : JSON.parse(fs.readFileSync(REFERENCE_OUTPUTS, 'utf8')),
    ]);
    ours = mine;
    reference = theirs;
  });

  it('feature-extraction (mean pooling) gives onnxruntime-node\'s embeddings', () => {
    expect(ours.embeddings).toHaveLength(3);
    expect(ours.embeddings[0]).toHaveLength(32);
    expectSameOutputs({ ...reference, embeddings: ours.embeddings }, reference);
  });

  it('text-classification gives onnxruntime-node\'s labels and scores', () => {
    expect(ours.classification[0].map((c) => c.label).sort()).toEqual(['NEGATIVE', 'POSITIVE']);
    expectSameOutputs({ ...reference, classification: ours.classification }, reference);
  });

  it.each(GENERATION_DTYPES)(`text-generation with past key/values (%s): ${NEW_TOKENS} greedy tokens, onnxruntime-node's ids`, (dtype) => {
    const promptLength = PROMPT.split(' ').length;
    expect(ours.generation[dtype].ids).toHaveLength(promptLength + NEW_TOKENS);
    expect(ours.generation[dtype].ids).toEqual(reference.generation[dtype].ids);
    expect(ours.generation[dtype].text).toBe(reference.generation[dtype].text);
  });

  it('the quantized decoders are close to the float one but not the same model', () => {
    const [fp32, q8, q4] = GENERATION_DTYPES.map((d) => reference.generation[d].ids);
    expect(new Set([fp32.join(), q8.join(), q4.join()]).size, 'q8 and q4 generate text of their own').toBeGreaterThan(1);
  });

  it(`automatic-speech-recognition (Whisper encoder, merged decoder with an If on use_cache_branch): onnxruntime-node's ids and text`, () => {
    const prompt = ['<|startoftranscript|>', '<|en|>', '<|transcribe|>', '<|notimestamps|>'].length;
    const { ids, text } = ours.transcription;
    expect(ids.length, 'the prompt and at most TRANSCRIPTION_TOKENS new ones').toBeGreaterThan(prompt);
    expect(ids.length).toBeLessThanOrEqual(prompt + TRANSCRIPTION_TOKENS);
    expect(new Set(ids.slice(prompt)).size, 'text that does not repeat one token').toBeGreaterThan(3);
    expect(text).not.toMatch(/<\|/);
    expectSameOutputs({ ...reference, transcription: ours.transcription }, reference);
  });

  it('image-classification (ViT) gives onnxruntime-node\'s labels and scores', () => {
    expect(ours.imageClassification).toHaveLength(2);
    ours.imageClassification.forEach((r) => expect(r.map((c) => c.label).sort()).toEqual(['grass', 'sand', 'sky', 'stone']));
    expect(new Set(ours.imageClassification.map((r) => r[0].label)).size, 'the two images get different labels').toBe(2);
    expectSameOutputs({ ...reference, imageClassification: ours.imageClassification }, reference);
  });

  it.runIf(onnxruntimeNode)('the committed reference outputs are those onnxruntime-node gives now', () => {
    expectSameOutputs(JSON.parse(fs.readFileSync(REFERENCE_OUTPUTS, 'utf8')), reference);
  });

  it('feeds transformers.js builds with onnxruntime-common\'s Tensor run, and outputs are ours', async () => {
    const t = await loadTransformers(onnxTs);
    const tokenizer = await t.AutoTokenizer.from_pretrained('tiny-bert');
    const model = await t.AutoModel.from_pretrained('tiny-bert', { dtype: 'fp32', device: 'auto' });
    const inputs = tokenizer(['the cat sat'], { padding: true });
    expect(inputs.input_ids.ort_tensor).not.toBeInstanceOf(Tensor);
    const { last_hidden_state: hidden } = await model(inputs);
    expect(hidden.ort_tensor).toBeInstanceOf(Tensor);
    expect(hidden.dims).toEqual([1, 5, 32]);
    await model.dispose();
  });

  // the package as built: rebuild (npm run build) after changing src/ to run this locally
  it.runIf(built)('alias mode: npm overrides map onnxruntime-node to onnx-ts, device names as in onnxruntime', async () => {
    const alias = await childOutputs('alias-outputs.ts', 'cpu').catch((e: Error) => {
      throw new Error(`alias mode failed; if dist/ is an older build, run npm run build:\n${e.message}`);
    });
    expect(alias.versions, 'dist/ is an older build: run npm run build').toHaveProperty('onnx-ts');
    expect(alias.versions).not.toHaveProperty('web');
    expectSameOutputs(alias, reference);
  });
});
