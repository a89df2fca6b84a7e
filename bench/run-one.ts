// Child process of bench/models.ts: loads one model in one engine, runs it `runs` times, and
// prints one JSON line: session-create time, latencies, peak RSS. Each engine runs in its own
// process so none is measured with another's memory or JIT state.
//   tsx bench/run-one.ts ENGINE MODEL_DIR RUNS WARMUP THREADS [PROVIDER] [LEVEL]
// ENGINE: onnx-ts | onnx-ts-unplanned (no memory plan, no buffer pool) | ort-web | ort-node
import fs from 'node:fs';
import path from 'node:path';
import { decodeValueFile } from '../graph/decode-value.js';
import type { Tensor } from '../src/index.js';
import { openSession } from './engines.js';

const [engine, modelDir, runsArg, warmupArg, threadsArg, provider = 'cpu', level = 'all'] = process.argv.slice(2);
const runs = Number(runsArg), warmup = Number(warmupArg), threads = Number(threadsArg);
const setDir = path.join(modelDir, 'test_data_set_0');
const inputs = fs.readdirSync(setDir).filter((f) => f.startsWith('input_')).sort().map((f) => decodeValueFile(fs.readFileSync(path.join(setDir, f))) as Tensor);

const t0 = performance.now();
const runner = await openSession(engine, path.join(modelDir, 'model.onnx'), { threads, provider, level });
const createMs = performance.now() - t0;
const feeds: Record<string, unknown> = {};
runner.inputNames.forEach((n, i) => (feeds[n] = runner.tensor(inputs[i])));
for (let i = 0; i < warmup; i++) await runner.run(feeds);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const s = performance.now();
  await runner.run(feeds);
  times.push(performance.now() - s);
}
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ engine, createMs, times, peakRssMiB }));
process.exit(0);
