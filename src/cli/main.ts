// The `onnx-ts` command. With no arguments it runs the bundled example model so a newcomer
// sees the runtime work at once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModel } from '../../graph/load-model.js';
import type { ValueInfo } from '../../graph/ir.js';
import { type DataType, allocateData } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { OnnxError } from '../../data/errors.js';
import { InferenceSession } from '../inference-session.js';
import type { GraphOptimizationLevel } from '../session/session-options.js';
import type { TraceEvent } from '../session/profiler.js';
import { describeValue } from './format-output.js';
import { formatOpTimes, opTimes } from './profile-table.js';
import { describeModel, describeOptimized } from './info.js';
import { readInputFile } from './read-input.js';
import { sampleImage } from './tiny-color-cnn.js';

const HELP = `onnx-ts: run ONNX models in pure TypeScript

Usage:
  onnx-ts                              run the bundled example model (tiny colour CNN)
  onnx-ts run MODEL [options]          run a model and print its outputs
      --input NAME=FILE                an input from .pb (TensorProto), .npy or .json (repeatable);
                                       inputs not given are filled with seeded random values
      --provider cpu                   execution provider (repeatable, in preference order)
      --level disabled|basic|extended|all   graph optimization level
      --repeat N                       run N times and report the median time
  onnx-ts info MODEL [--memory]        inputs, outputs, opsets, op counts, op support, the
                                       optimized graph's op counts; --memory: the memory plan
  onnx-ts profile MODEL [options]      run with profiling (--input, --provider, --level as for run;
                                       --repeat N runs, default 5, after one warm-up run): the top
                                       op types by time, and an onnxruntime-format trace file
      --trace PREFIX                   the trace file's prefix (default onnx-ts_profile)
      --json                           print the table as JSON
  onnx-ts --help
`;

/** models/tiny-color-cnn.onnx at the package root, from src/cli (tsx) or dist/src/cli (built). */
export function bundledModelPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'models', 'tiny-color-cnn.onnx');
    if (fs.existsSync(file)) return file;
  }
  throw new OnnxError('The bundled example model models/tiny-color-cnn.onnx is missing from this installation');
}

function randomFeed(info: ValueInfo): Tensor {
  const t = info.type;
  if (!t || t.kind !== 'tensor') throw new OnnxError(`Input "${info.name}" is not a tensor; pass it with --input`);
  const dims = (t.shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : 1));
  const n = dims.reduce((a, b) => a * b, 1);
  const data = allocateData(t.elemType, n);
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const v = next();
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = BigInt(Math.floor(v * 10));
    else if (Array.isArray(data)) data[i] = `s${Math.floor(v * 100)}`;
    else if (t.elemType === 'bool') data[i] = v > 0.5 ? 1 : 0;
    else if (t.elemType === 'float32' || t.elemType === 'float64') data[i] = v * 2 - 1;
    else data[i] = Math.floor(v * 10);
  }
  return new Tensor(t.elemType as DataType, data, dims);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface RunFlags { input?: string[]; provider?: string[]; level?: string; repeat?: string }

/** The feeds given with --input, the rest filled with seeded random values (and said so). */
function feedsFor(session: InferenceSession, opts: RunFlags, defaults?: Record<string, OnnxValue>): Record<string, OnnxValue> {
  const model = session.model;
  const feeds: Record<string, OnnxValue> = { ...defaults };
  for (const spec of opts.input ?? []) {
    const eq = spec.indexOf('=');
    if (eq < 0) throw new OnnxError(`--input needs NAME=FILE, got "${spec}"`);
    feeds[spec.slice(0, eq)] = readInputFile(spec.slice(eq + 1));
  }
  const inits = model.graph.initializers;
  for (const info of model.graph.inputs) {
    if (!(info.name in feeds) && !inits.has(info.name)) {
      feeds[info.name] = randomFeed(info);
      console.error(`input ${info.name}: seeded random ${describeValue('', feeds[info.name]).split('  first')[0].slice(2)}`);
    }
  }
  return feeds;
}

async function runCommand(modelPath: string, opts: RunFlags, defaults?: Record<string, OnnxValue>): Promise<void> {
  const t0 = performance.now();
  const session = await InferenceSession.create(modelPath, {
    executionProviders: opts.provider,
    graphOptimizationLevel: opts.level as GraphOptimizationLevel | undefined,
  });
  const createMs = performance.now() - t0;
  const model = session.model;
  const feeds = feedsFor(session, opts, defaults);
  const repeat = Math.max(1, Number(opts.repeat ?? 1));
  const times: number[] = [];
  let out: Record<string, OnnxValue> = {};
  for (let i = 0; i < repeat; i++) {
    const s = performance.now();
    out = await session.run(feeds);
    times.push(performance.now() - s);
  }
  let labels: string[] | undefined;
  try {
    labels = JSON.parse(model.metadata.get('labels') ?? 'null') ?? undefined;
  } catch {
    labels = undefined;
  }
  for (const [name, value] of Object.entries(out)) console.log(describeValue(name, value, labels));
  console.log(`session created in ${createMs.toFixed(1)} ms; run ${repeat > 1 ? `median of ${repeat}: ` : ''}${median(times).toFixed(1)} ms`);
  await session.release();
}

async function profileCommand(modelPath: string, opts: RunFlags & { trace?: string; json?: boolean }): Promise<void> {
  const session = await InferenceSession.create(modelPath, {
    executionProviders: opts.provider,
    graphOptimizationLevel: opts.level as GraphOptimizationLevel | undefined,
    profileFilePrefix: opts.trace,
  });
  const feeds = feedsFor(session, opts);
  const repeat = Math.max(1, Number(opts.repeat ?? 5));
  await session.run(feeds);
  session.startProfiling();
  for (let i = 0; i < repeat; i++) {
    if (repeat > 1) process.stderr.write(`\rprofiling run ${i + 1}/${repeat}`);
    await session.run(feeds);
  }
  if (repeat > 1) process.stderr.write('\n');
  const file = session.endProfiling();
  const rows = opTimes(JSON.parse(fs.readFileSync(file, 'utf8')) as TraceEvent[]);
  await session.release();
  if (opts.json) console.log(JSON.stringify({ trace: file, runs: repeat, ops: rows }, null, 2));
  else console.log(`${formatOpTimes(rows)}\n\n${repeat} runs; trace (Perfetto, chrome://tracing): ${file}`);
}

export async function main(argv: string[]): Promise<number> {
  // `onnx-ts info MODEL | head` closes the pipe early: stop quietly instead of throwing EPIPE
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string', multiple: true },
      provider: { type: 'string', multiple: true },
      level: { type: 'string' },
      repeat: { type: 'string' },
      memory: { type: 'boolean' },
      trace: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [command, modelPath] = positionals;
  try {
    if (!command) {
      const file = bundledModelPath();
      console.log(`Running the bundled example model ${path.relative(process.cwd(), file) || file}`);
      console.log('(a tiny CNN that names the dominant colour of an image; input: a reddish gradient)\n');
      await runCommand(file, values, { image: sampleImage() });
      console.log('\nNext: onnx-ts info MODEL, onnx-ts run MODEL --input name=file.npy (see --help)');
      return 0;
    }
    if (command === 'run' || command === 'info' || command === 'profile') {
      if (!modelPath) {
        console.error(`onnx-ts ${command}: give a model path\n\n${HELP}`);
        return 2;
      }
      if (!fs.existsSync(modelPath)) {
        console.error(`onnx-ts: no such file: ${modelPath}`);
        return 2;
      }
      if (command === 'run') await runCommand(modelPath, values);
      else if (command === 'profile') await profileCommand(modelPath, values);
      else {
        const { text, allSupported } = describeModel(loadModel(modelPath));
        console.log(text);
        if (allSupported) console.log(await describeOptimized(modelPath, values.memory ?? false));
        return allSupported ? 0 : 1;
      }
      return 0;
    }
    console.error(`onnx-ts: unknown command "${command}"\n\n${HELP}`);
    return 2;
  } catch (e) {
    if (e instanceof OnnxError) {
      console.error(`${e.name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
