// Child process of bench/models.ts: loads one model in one engine, runs it `runs` times, and
// prints one JSON line: session-create time, latencies, peak RSS. Each engine runs in its own
// process so none is measured with another's memory or JIT state.
//   tsx bench/run-one.ts ENGINE MODEL_DIR RUNS WARMUP THREADS [PROVIDER] [LEVEL]
// ENGINE: onnx-ts | onnx-ts-unplanned (no memory plan, no buffer pool) | ort-web | ort-node
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeValueFile } from '../graph/decode-value.js';
import { InferenceSession, type OnnxValue, Tensor } from '../src/index.js';
import type { GraphOptimizationLevel } from '../src/session/session-options.js';

const [engine, modelDir, runsArg, warmupArg, threadsArg, provider = 'cpu', level = 'all'] = process.argv.slice(2);
const runs = Number(runsArg), warmup = Number(warmupArg), threads = Number(threadsArg);
const setDir = path.join(modelDir, 'test_data_set_0');
const inputs = fs.readdirSync(setDir).filter((f) => f.startsWith('input_')).sort().map((f) => decodeValueFile(fs.readFileSync(path.join(setDir, f))) as Tensor);
const here = path.dirname(fileURLToPath(import.meta.url));
const referenceRequire = createRequire(path.join(here, 'reference', 'package.json'));

interface Runner { names: string[]; run(feeds: Record<string, unknown>): Promise<unknown> }

async function load(): Promise<Runner & { makeFeed(t: Tensor): unknown }> {
  const file = path.join(modelDir, 'model.onnx');
  if (engine.startsWith('onnx-ts')) {
    const planned = engine === 'onnx-ts';
    const s = await InferenceSession.create(file, {
      executionProviders: [provider], intraOpNumThreads: threads, graphOptimizationLevel: level as GraphOptimizationLevel,
      enableMemPattern: planned, enableCpuMemArena: planned,
    });
    return { names: [...s.inputNames], run: (f) => s.run(f as Record<string, OnnxValue>), makeFeed: (t) => t };
  }
  const pkg = engine === 'ort-web' ? 'onnxruntime-web' : 'onnxruntime-node';
  const ort = await import(pathToFileURL(referenceRequire.resolve(pkg)).href);
  if (engine === 'ort-web') {
    ort.env.wasm.numThreads = threads;
    ort.env.wasm.simd = true;
  }
  const s = await ort.InferenceSession.create(fs.readFileSync(file), {
    executionProviders: [engine === 'ort-web' ? 'wasm' : 'cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all',
  });
  return { names: s.inputNames, run: (f) => s.run(f), makeFeed: (t) => new ort.Tensor(t.type, t.data, t.dims) };
}

const t0 = performance.now();
const runner = await load();
const createMs = performance.now() - t0;
const feeds: Record<string, unknown> = {};
runner.names.forEach((n, i) => (feeds[n] = runner.makeFeed(inputs[i])));
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
