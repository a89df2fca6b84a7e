// A long KV-cache generation through transformers.js on onnx-ts: a tiny GPT-2 (from
// scripts/tiny-transformers.ts) with room for `steps` positions generates `steps` tokens
// greedily, each step feeding the growing past key/values back. Then one run over the whole
// sequence without a cache (teacher forcing) must pick the same token at every position: the
// cached and uncached paths agree or the cache is wrong. RSS and step time are sampled ten
// times along the way; the cache itself grows by a few KiB per step here, so RSS should not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from '../src/index.js';
import { InferenceSession, Tensor } from '../src/index.js';
import { buildGpt2, gpt2Config, tokenizerConfig, tokenizerJson, writeModelFolder } from '../scripts/tiny-transformers.js';
import { PROMPT, loadTransformers, transformersInstalled, FIXTURE_INSTALL } from '../test/transformers/pipelines.js';

export interface GenerationSample { step: number; rssMiB: number; msPerStep: number }
export interface GenerationSoak {
  steps: number;
  seconds: number;
  samples: GenerationSample[];
  /** Positions where the uncached run's argmax differs from the generated token. */
  mismatches: number;
  /** Of those, how many were ties (top two logits within 1e-4 of each other): either pick is right. */
  ties: number;
}

const MODEL = 'tiny-gpt2-long';
const mib = () => Math.round(process.memoryUsage().rss / 2 ** 20);

export async function runGenerationSoak(steps: number, log: (line: string) => void): Promise<GenerationSoak> {
  if (!transformersInstalled()) throw new Error(`transformers.js is not installed: ${FIXTURE_INSTALL}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-soak-'));
  try {
    const maxPositions = steps + 32;
    writeModelFolder(path.join(root, MODEL), {
      config: gpt2Config({ maxPositions }), tokenizer: tokenizerJson(false), tokenizerConfig: tokenizerConfig('GPT2Tokenizer'),
      onnx: { 'model.onnx': buildGpt2(3, 'fp32', { maxPositions }) },
    });
    const t = await loadTransformers(ort);
    t.env.localModelPath = `${root}${path.sep}`;
    const generator = await t.pipeline('text-generation', MODEL, { dtype: 'fp32', device: 'auto' }); // transformers.js lists no devices for a runtime given through the global symbol
    const samples: GenerationSample[] = [];
    let generated = 0;
    let last = performance.now();
    const every = Math.max(1, Math.floor(steps / 10));
    const streamer = {
      put(ids: bigint[][]) {
        if (generated++ === 0) return; // the prompt
        const step = generated - 1;
        if (step % every === 0) {
          const now = performance.now();
          samples.push({ step, rssMiB: mib(), msPerStep: (now - last) / every });
          log(`  step ${step}: RSS ${samples.at(-1)!.rssMiB} MiB, ${samples.at(-1)!.msPerStep.toFixed(2)} ms/step`);
          last = now;
        }
        void ids;
      },
      end() {},
    };
    const started = performance.now();
    const prompt = generator.tokenizer(PROMPT);
    const out = await generator.model.generate({ ...prompt, max_new_tokens: steps, min_new_tokens: steps, do_sample: false, streamer });
    const seconds = (performance.now() - started) / 1000;
    const ids = (out.tolist() as bigint[][])[0];
    await generator.dispose();
    if (ids.length !== prompt.input_ids.dims[1] + steps) throw new Error(`generated ${ids.length - prompt.input_ids.dims[1]} tokens, asked for ${steps}`);
    const { mismatches, ties } = await checkWithoutCache(path.join(root, MODEL, 'onnx', 'model.onnx'), ids, prompt.input_ids.dims[1]);
    return { steps, seconds, samples, mismatches, ties };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Runs the sequence (all but its last token) in one pass with an empty past; compares each next-token argmax. */
async function checkWithoutCache(file: string, ids: bigint[], promptLength: number): Promise<{ mismatches: number; ties: number }> {
  const session = await InferenceSession.create(file);
  try {
    const L = ids.length - 1;
    const feeds: Record<string, Tensor> = {
      input_ids: new Tensor('int64', BigInt64Array.from(ids.slice(0, L)), [1, L]),
      attention_mask: new Tensor('int64', new BigInt64Array(L).fill(1n), [1, L]),
      position_ids: new Tensor('int64', BigInt64Array.from({ length: L }, (_, i) => BigInt(i)), [1, L]),
    };
    for (const m of session.inputMetadata) {
      if (!m.name.startsWith('past_key_values.')) continue;
      const [, heads, , headDim] = m.shape as number[];
      feeds[m.name] = new Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
    }
    const logits = (await session.run(feeds, ['logits'])).logits as Tensor;
    const vocab = logits.dims[2];
    const data = logits.data as Float32Array;
    let mismatches = 0, ties = 0;
    for (let i = promptLength - 1; i < L; i++) {
      const row = data.subarray(i * vocab, (i + 1) * vocab);
      let best = 0;
      for (let v = 1; v < vocab; v++) if (row[v] > row[best]) best = v;
      const picked = Number(ids[i + 1]);
      if (best === picked) continue;
      mismatches++;
      if (row[best] - row[picked] < 1e-4) ties++;
    }
    return { mismatches, ties };
  } finally {
    await session.release();
  }
}
