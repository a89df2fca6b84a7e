// Model latency benchmark: npm run bench -- [--models resnet50,mobilenet_v2] [--runs 10]
//   [--warmup 1] [--provider cpu] [--level all]
// Runs each shared model's test_data_set_0 input and reports the median latency.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeValueFile } from '../graph/decode-value.js';
import { InferenceSession, type OnnxValue } from '../src/index.js';
import type { GraphOptimizationLevel } from '../src/session/session-options.js';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'resnet50,mobilenet_v2' },
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
    provider: { type: 'string', default: 'cpu' },
    level: { type: 'string' },
  },
});

const root = process.env.ONNX_TS_MODELS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'models');
if (!fs.existsSync(root)) {
  console.log(`SKIP: no models at ${root} (set ONNX_TS_MODELS)`);
  process.exit(0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows: string[] = [];
for (const name of values.models!.split(',')) {
  const dir = path.join(root, name);
  const setDir = path.join(dir, 'test_data_set_0');
  const t0 = performance.now();
  const session = await InferenceSession.create(path.join(dir, 'model.onnx'), {
    executionProviders: [values.provider!],
    graphOptimizationLevel: values.level as GraphOptimizationLevel | undefined,
  });
  const createMs = performance.now() - t0;
  const inputs = fs.readdirSync(setDir).filter((f) => f.startsWith('input_')).sort().map((f) => decodeValueFile(fs.readFileSync(path.join(setDir, f))));
  const feeds: Record<string, OnnxValue> = {};
  session.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
  for (let i = 0; i < Number(values.warmup); i++) await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const s = performance.now();
    await session.run(feeds);
    times.push(performance.now() - s);
  }
  const rss = process.memoryUsage().rss / 2 ** 20;
  const row = `| ${name} | ${values.provider} | ${values.level ?? 'default'} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${createMs.toFixed(0)} | ${rss.toFixed(0)} |`;
  console.log(row);
  rows.push(row);
  await session.release();
}
console.log('\n| model | provider | level | median ms | min ms | create ms | RSS MiB |\n|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
