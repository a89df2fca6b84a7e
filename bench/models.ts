// Model benchmark: npm run bench -- [--models resnet50,mobilenet_v2] [--runs 10] [--warmup 2]
//   (quantized variants, e.g. transformer-encoder-q8 and -q4: npx tsx scripts/make-quantized-models.ts)
//   [--engines onnx-ts,onnx-ts-unplanned,ort-web,ort-node] [--threads 1,2] [--provider cpu] [--level all]
//   [--rounds 1] [--markdown out.md]
// Each (engine, model, threads) runs in its own child process; rounds alternate engines so
// machine noise hits all of them alike. Reports the median latency, the ratio to onnx-ts,
// peak RSS and session-create time. onnxruntime (for comparison only) is installed with:
//   ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install --prefix bench/reference
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, requireInstalled } from './engines.js';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'resnet50,mobilenet_v2' },
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    engines: { type: 'string', default: 'onnx-ts' },
    threads: { type: 'string', default: '1' },
    provider: { type: 'string', default: 'cpu' },
    level: { type: 'string', default: 'all' },
    rounds: { type: 'string', default: '1' },
    markdown: { type: 'string' },
  },
});

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.ONNX_TS_MODELS ?? path.resolve(here, '..', '..', 'shared', 'models');
if (!fs.existsSync(root)) {
  console.log(`SKIP: no models at ${root} (set ONNX_TS_MODELS)`);
  process.exit(0);
}
/** A shared model, or a quantized variant that scripts/make-quantized-models.ts wrote. */
const modelDir = (model: string) => {
  const dir = [path.join(root, model), path.join(here, 'quantized', model)].find((d) => fs.existsSync(d));
  if (!dir) throw new Error(`no model ${model} in ${root} or bench/quantized (quantized ones: npx tsx scripts/make-quantized-models.ts)`);
  return dir;
};
const engines = values.engines!.split(',');
requireInstalled(engines);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

interface Sample { engine: string; createMs: number; times: number[]; peakRssMiB: number }
const results = new Map<string, Sample[]>();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const model of values.models!.split(',')) {
    for (const threads of values.threads!.split(',')) {
      const order = round % 2 ? [...engines].reverse() : engines;
      for (const engine of order) {
        const out = execFileSync(process.execPath, [tsx, path.join(here, 'run-one.ts'), engine, modelDir(model), values.runs!, values.warmup!, threads, values.provider!, values.level!], {
          encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'],
        });
        const sample = JSON.parse(out.trim().split('\n').pop()!) as Sample;
        const key = `${model}|${threads}|${engine}`;
        results.set(key, [...(results.get(key) ?? []), sample]);
        console.log(`${model} threads=${threads} ${engine}: median ${median(sample.times).toFixed(1)} ms`);
      }
    }
  }
}
const lines = [
  `| model | threads | engine | median ms | vs onnx-ts | create ms | peak RSS MiB |`,
  `|---|---|---|---|---|---|---|`,
];
for (const model of values.models!.split(',')) {
  for (const threads of values.threads!.split(',')) {
    const base = results.get(`${model}|${threads}|onnx-ts`);
    const baseMedian = base ? median(base.flatMap((s) => s.times)) : undefined;
    for (const engine of engines) {
      const samples = results.get(`${model}|${threads}|${engine}`)!;
      const m = median(samples.flatMap((s) => s.times));
      const ratio = baseMedian ? (m / baseMedian).toFixed(2) : '';
      lines.push(`| ${model} | ${threads} | ${engine}${engine.startsWith('onnx-ts') ? ` (${values.provider}, ${values.level})` : ''} | ${m.toFixed(1)} | ${ratio} | ${median(samples.map((s) => s.createMs)).toFixed(0)} | ${Math.max(...samples.map((s) => s.peakRssMiB)).toFixed(0)} |`);
    }
  }
}
console.log(`\n${lines.join('\n')}`);
if (values.markdown) fs.writeFileSync(values.markdown, `${lines.join('\n')}\n`);
