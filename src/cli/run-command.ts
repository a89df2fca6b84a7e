// `onnx-ts run MODEL`: run a model once (or --repeat N times) and print its outputs; with no
// command at all, the same on the bundled example model.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OnnxValue } from '../../data/tensor.js';
import { OnnxError } from '../../data/errors.js';
import { InferenceSession } from '../inference-session.js';
import {
  INPUT_FLAGS, INPUT_FLAGS_USAGE, OUTPUT_FLAGS, SESSION_FLAGS, SESSION_FLAGS_USAGE, intFlag, modelArgument, parseCommandArgs, sessionOptionsFrom,
} from './cli-args.js';
import { feedsFor } from './feeds.js';
import { describeValue } from './format-output.js';
import { latencyStats } from './latency-stats.js';
import { Progress } from './progress.js';
import { sampleImage } from './tiny-color-cnn.js';

export const RUN_USAGE = `  onnx-ts run MODEL [options]          run a model and print its outputs
${INPUT_FLAGS_USAGE}
${SESSION_FLAGS_USAGE}
      --repeat N                       run N times and report the median time`;

const RUN_FLAGS = { ...INPUT_FLAGS, ...SESSION_FLAGS, repeat: { type: 'string' }, help: OUTPUT_FLAGS.help } as const;

/** models/tiny-color-cnn.onnx at the package root, from src/cli (tsx) or dist/src/cli (built). */
export function bundledModelPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'models', 'tiny-color-cnn.onnx');
    if (fs.existsSync(file)) return file;
  }
  throw new OnnxError('The bundled example model models/tiny-color-cnn.onnx is missing from this installation');
}

async function runModel(modelPath: string, values: ReturnType<typeof parseRunArgs>['values'], defaults?: Record<string, OnnxValue>): Promise<void> {
  const repeat = intFlag(values.repeat, 'repeat', 1, RUN_USAGE);
  const progress = new Progress();
  progress.step('loading…');
  const t0 = performance.now();
  const session = await InferenceSession.create(modelPath, sessionOptionsFrom(values, RUN_USAGE));
  const createMs = performance.now() - t0;
  progress.done(); // feedsFor's notes on stderr start on a clean line
  const feeds = feedsFor(session, values.input, defaults);
  const times: number[] = [];
  let out: Record<string, OnnxValue> = {};
  for (let i = 0; i < repeat; i++) {
    progress.step(`run ${i + 1}/${repeat}`);
    const s = performance.now();
    out = await session.run(feeds);
    times.push(performance.now() - s);
  }
  progress.done();
  let labels: string[] | undefined;
  try {
    labels = JSON.parse(session.model.metadata.get('labels') ?? 'null') ?? undefined;
  } catch {
    labels = undefined;
  }
  for (const [name, value] of Object.entries(out)) console.log(describeValue(name, value, labels));
  console.log(`session created in ${createMs.toFixed(1)} ms; run ${repeat > 1 ? `median of ${repeat}: ` : ''}${latencyStats(times).p50.toFixed(1)} ms`);
  await session.release();
}

function parseRunArgs(argv: string[]) {
  return parseCommandArgs(argv, RUN_FLAGS, RUN_USAGE);
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseRunArgs(argv);
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  await runModel(modelArgument(positionals, 'run', RUN_USAGE), values);
  return 0;
}

/** `onnx-ts` alone: the bundled example, so a newcomer sees the runtime work at once. */
export async function exampleCommand(argv: string[]): Promise<number> {
  const { values } = parseRunArgs(argv);
  const file = bundledModelPath();
  console.log(`Running the bundled example model ${path.relative(process.cwd(), file) || file}`);
  console.log('(a tiny CNN that names the dominant colour of an image; input: a reddish gradient)\n');
  await runModel(file, values, { image: sampleImage() });
  console.log('\nNext: onnx-ts info MODEL, onnx-ts run MODEL --input name=file.npy (see --help)');
  return 0;
}
