// Runs transformers.js pipelines on the tiny models of test/transformers/models/ with a given
// onnxruntime-shaped runtime, set the way transformers.js lets a JS runtime provide its own:
// globalThis[Symbol.for('onnxruntime')]. transformers.js reads that once, when it loads, so
// one process runs one runtime: the tests run onnx-ts here and onnxruntime-node in a child.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MODELS = path.join(HERE, 'models');
export const FIXTURE = path.join(HERE, 'fixture');
export const REFERENCE_OUTPUTS = path.join(MODELS, 'reference-outputs.json');
const TRANSFORMERS_ENTRY = path.join(FIXTURE, 'node_modules', '@huggingface', 'transformers', 'dist', 'transformers.node.mjs');

/** The command that installs transformers.js for these tests (also in .ci/run). */
export const FIXTURE_INSTALL = 'npm ci --prefix test/transformers/fixture --no-audit --no-fund';

export function transformersInstalled(): boolean {
  return fs.existsSync(TRANSFORMERS_ENTRY);
}

export const SENTENCES = ['the cat sat on the mat .', 'i love this movie !', 'that book was very bad , and slow'];
export const PROMPT = 'the dog runs';
export const NEW_TOKENS = 32;

export interface PipelineOutputs {
  /** feature-extraction, mean pooling: one vector per sentence. */
  embeddings: number[][];
  /** text-classification with every label's score, per sentence. */
  classification: { label: string; score: number }[][];
  /** text-generation, greedy, per dtype (model.onnx, model_quantized.onnx, model_q4.onnx): prompt and new token ids, and the pipeline's text. */
  generation: Record<GenerationDtype, { ids: number[]; text: string }>;
}

export const GENERATION_DTYPES = ['fp32', 'q8', 'q4'] as const;
export type GenerationDtype = (typeof GENERATION_DTYPES)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Transformers = any;

/**
 * transformers.js from the fixture, on `runtime` through the global symbol; without one, on
 * whatever its require('onnxruntime-node') finds (the fixture's alias of onnx-ts's build).
 */
export async function loadTransformers(runtime?: object): Promise<Transformers> {
  if (runtime) (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = runtime;
  const t = await import(pathToFileURL(TRANSFORMERS_ENTRY).href);
  t.env.allowRemoteModels = false;
  t.env.allowLocalModels = true;
  t.env.localModelPath = `${MODELS}${path.sep}`;
  t.env.useFSCache = false;
  t.env.useBrowserCache = false;
  return t;
}

/**
 * `device`: transformers.js lists no supported devices for a runtime handed to it through the
 * global symbol, so every device name but 'auto' (the runtime's default) is refused there.
 */
export async function runPipelines(t: Transformers, device = 'auto'): Promise<PipelineOutputs> {
  const DEVICE = { dtype: 'fp32', device };
  const extractor = await t.pipeline('feature-extraction', 'tiny-bert', DEVICE);
  const embeddings = (await extractor(SENTENCES, { pooling: 'mean', normalize: false })).tolist() as number[][];
  await extractor.dispose();

  const classifier = await t.pipeline('text-classification', 'tiny-bert-sentiment', DEVICE);
  const classification = (await classifier(SENTENCES, { top_k: null })) as { label: string; score: number }[][];
  await classifier.dispose();

  const generation = {} as PipelineOutputs['generation'];
  for (const dtype of GENERATION_DTYPES) {
    const generator = await t.pipeline('text-generation', 'tiny-gpt2', { ...DEVICE, dtype });
    const options = { max_new_tokens: NEW_TOKENS, do_sample: false };
    const [{ generated_text: text }] = await generator(PROMPT, options);
    const sequences = await generator.model.generate({ ...generator.tokenizer(PROMPT), ...options });
    generation[dtype] = { ids: (sequences.tolist() as bigint[][])[0].map(Number), text };
    await generator.dispose();
  }
  return { embeddings, classification, generation };
}
