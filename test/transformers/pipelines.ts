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
/** Whisper's new tokens at most: generation ends here or at <|endoftext|>. */
export const TRANSCRIPTION_TOKENS = 12;

/** One second at 16 kHz, a sine sweep from 200 Hz to 4 kHz with a slow swell: mel frames that differ from each other. */
export function sweepAudio(samplingRate = 16000): Float32Array {
  const seconds = 1;
  const [from, to] = [200, 4000];
  return Float32Array.from({ length: samplingRate * seconds }, (_, i) => {
    const t = i / samplingRate;
    const phase = 2 * Math.PI * (from * t + ((to - from) * t * t) / (2 * seconds));
    return 0.5 * Math.sin(phase) * (0.5 + 0.5 * Math.sin(Math.PI * t));
  });
}

/** Two 32x32 RGB images (ViT's input size, so no resize): a colour gradient and a checkerboard. */
export function syntheticImages(): { data: Uint8ClampedArray; width: number; height: number; channels: 3 }[] {
  const size = 32;
  const image = (pixel: (x: number, y: number) => [number, number, number]) => {
    const data = new Uint8ClampedArray(size * size * 3);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data.set(pixel(x, y), (y * size + x) * 3);
    return { data, width: size, height: size, channels: 3 as const };
  };
  return [
    image((x, y) => [x * 8, y * 8, 255 - x * 4]),
    image((x, y) => (((x >> 2) + (y >> 2)) % 2 ? [230, 200, 40] : [20, 40, 120])),
  ];
}

export interface PipelineOutputs {
  /** feature-extraction, mean pooling: one vector per sentence. */
  embeddings: number[][];
  /** text-classification with every label's score, per sentence. */
  classification: { label: string; score: number }[][];
  /** text-generation, greedy, per dtype (model.onnx, model_quantized.onnx, model_q4.onnx): prompt and new token ids, and the pipeline's text. */
  generation: Record<GenerationDtype, { ids: number[]; text: string }>;
  /** automatic-speech-recognition (Whisper) of sweepAudio, greedy: prompt and new token ids, and the pipeline's text. */
  transcription: { ids: number[]; text: string };
  /** image-classification (ViT) with every label's score, per synthetic image. */
  imageClassification: { label: string; score: number }[][];
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

  const transcriber = await t.pipeline('automatic-speech-recognition', 'tiny-whisper', DEVICE);
  const audio = sweepAudio(transcriber.processor.feature_extractor.config.sampling_rate);
  const speechOptions = { max_new_tokens: TRANSCRIPTION_TOKENS, do_sample: false, language: 'english', task: 'transcribe' };
  const { text: transcript } = await transcriber(audio, speechOptions);
  const { input_features: features } = await transcriber.processor(audio);
  const transcribed = await transcriber.model.generate({ inputs: features, ...speechOptions });
  const transcription = { ids: (transcribed.tolist() as bigint[][])[0].map(Number), text: transcript as string };
  await transcriber.dispose();

  const imageClassifier = await t.pipeline('image-classification', 'tiny-vit', DEVICE);
  const images = syntheticImages().map(({ data, width, height, channels }) => new t.RawImage(data, width, height, channels));
  const labels = imageClassifier.model.config.id2label;
  const imageClassification = (await imageClassifier(images, { top_k: Object.keys(labels).length })) as { label: string; score: number }[][];
  await imageClassifier.dispose();
  return { embeddings, classification, generation, transcription, imageClassification };
}
