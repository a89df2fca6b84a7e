// Decoder benchmark: npm run bench:generate -- [--engines onnx-ts,ort-web] [--threads 1,2]
//   [--dtypes fp32,q4] [--prompt 128] [--steps 64] [--rounds 1] [--layers 12] [--hidden 768]
// A GPT-2-small-shaped decoder (12 layers, d_model 768, 12 heads, GPT-2's 50257-token
// vocabulary, random weights; q4: its linear layers as MatMulNBits) is generated on first use
// under bench/generate-models/ (not committed). Each (engine, dtype, threads) runs in its own
// child process, engines alternating by round. Reports prefill of --prompt tokens (ms, median
// of 3), decode tokens/s (median step over --steps steps after the prompt), RSS at the first and
// last step, and the ratio of decode speed to onnxruntime-web's. --steps 2000 gives the long run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildGpt2 } from '../scripts/tiny-transformers.js';
import { median, requireInstalled } from './engines.js';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'onnx-ts,ort-web' },
    threads: { type: 'string', default: '1,2' },
    dtypes: { type: 'string', default: 'fp32,q4' },
    prompt: { type: 'string', default: '128' },
    steps: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '1' },
    layers: { type: 'string', default: '12' },
    hidden: { type: 'string', default: '768' },
    markdown: { type: 'string' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const engines = values.engines!.split(',');
requireInstalled(engines);
const [prompt, steps, layers, hidden] = [values.prompt, values.steps, values.layers, values.hidden].map(Number);
const heads = hidden / 64, headDim = 64;
const shape = { hidden, heads, layers, vocab: 50257, maxPositions: Math.max(1024, prompt + steps + 8) };

function modelFile(dtype: string): string {
  const dir = path.join(here, 'generate-models');
  const file = path.join(dir, `gpt2-l${layers}-h${hidden}-p${shape.maxPositions}-${dtype}.onnx`);
  if (!fs.existsSync(file)) {
    console.error(`generating ${path.relative(process.cwd(), file)}…`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, buildGpt2(5, dtype as 'fp32' | 'q4', shape));
  }
  return file;
}

interface Sample { createMs: number; prefillMs: number[]; decodeMs: number[]; rssMiB: Record<string, number>; peakRssMiB: number }
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const results = new Map<string, Sample[]>();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const dtype of values.dtypes!.split(',')) {
    const file = modelFile(dtype);
    for (const threads of values.threads!.split(',')) {
      for (const engine of round % 2 ? [...engines].reverse() : engines) {
        const out = execFileSync(process.execPath, [tsx, path.join(here, 'generate-one.ts'), engine, file, threads, String(prompt), String(steps), String(heads), String(headDim)], {
          encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'],
        });
        const sample = JSON.parse(out.trim().split('\n').pop()!) as Sample;
        const key = `${dtype}|${threads}|${engine}`;
        results.set(key, [...(results.get(key) ?? []), sample]);
        console.log(`${dtype} threads=${threads} ${engine}: prefill ${median(sample.prefillMs).toFixed(0)} ms, decode ${(1000 / median(sample.decodeMs)).toFixed(1)} tokens/s`);
      }
    }
  }
}

const lines = [
  `GPT-2-shaped decoder: ${layers} layers, d_model ${hidden}, prompt ${prompt}, ${steps} decode steps`,
  '',
  '| dtype | threads | engine | prefill ms | decode tokens/s | vs ort-web | create ms | RSS step 1 MiB | RSS last step MiB |',
  '|---|---|---|---|---|---|---|---|---|',
];
const decodeRate = (s: Sample[]) => median(s.map((x) => 1000 / median(x.decodeMs)));
for (const dtype of values.dtypes!.split(',')) {
  for (const threads of values.threads!.split(',')) {
    const web = results.get(`${dtype}|${threads}|ort-web`);
    for (const engine of engines) {
      const s = results.get(`${dtype}|${threads}|${engine}`)!;
      const rate = decodeRate(s);
      const ratio = web ? (rate / decodeRate(web)).toFixed(2) : '-';
      const rss = (step: number) => median(s.map((x) => x.rssMiB[step]));
      lines.push(`| ${dtype} | ${threads} | ${engine} | ${median(s.map((x) => median(x.prefillMs))).toFixed(0)} | ${rate.toFixed(1)} | ${ratio} | ${median(s.map((x) => x.createMs)).toFixed(0)} | ${rss(1)} | ${rss(steps)} |`);
    }
  }
}
console.log(`\n${lines.join('\n')}`);
if (values.markdown) fs.writeFileSync(values.markdown, `${lines.join('\n')}\n`);
