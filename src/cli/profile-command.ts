// `onnx-ts profile MODEL`: profiled runs after a warm-up; the top op types by time, and the
// onnxruntime-format trace file.
import fs from 'node:fs';
import { InferenceSession } from '../inference-session.js';
import type { TraceEvent } from '../session/profiler.js';
import {
  INPUT_FLAGS, OUTPUT_FLAGS, SESSION_FLAGS, intFlag, modelArgument, parseCommandArgs, sessionOptionsFrom,
} from './cli-args.js';
import { feedsFor } from './feeds.js';
import { formatOpTimes, opTimes } from './profile-table.js';
import { Progress } from './progress.js';

export const PROFILE_USAGE = `  onnx-ts profile MODEL [options]      run with profiling (--input, --provider, --level, --threads as
                                       for run; --repeat N runs, default 5, after one warm-up run):
                                       the top op types by time, and an onnxruntime-format trace file
      --trace PREFIX                   the trace file's prefix (default onnx-ts_profile)
      --json                           print the table as JSON`;

const PROFILE_FLAGS = { ...INPUT_FLAGS, ...SESSION_FLAGS, ...OUTPUT_FLAGS, repeat: { type: 'string' }, trace: { type: 'string' } } as const;

export async function profileCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, PROFILE_FLAGS, PROFILE_USAGE);
  if (values.help) {
    console.log(PROFILE_USAGE);
    return 0;
  }
  const modelPath = modelArgument(positionals, 'profile', PROFILE_USAGE);
  const repeat = intFlag(values.repeat, 'repeat', 5, PROFILE_USAGE);
  const progress = new Progress();
  progress.step('loading…');
  const session = await InferenceSession.create(modelPath, { ...sessionOptionsFrom(values, PROFILE_USAGE), profileFilePrefix: values.trace });
  progress.done(); // feedsFor's notes on stderr start on a clean line
  const feeds = feedsFor(session, values.input);
  progress.step('warm-up…');
  await session.run(feeds);
  session.startProfiling();
  for (let i = 0; i < repeat; i++) {
    progress.step(`profiling run ${i + 1}/${repeat}`);
    await session.run(feeds);
  }
  progress.done();
  const file = session.endProfiling();
  const rows = opTimes(JSON.parse(fs.readFileSync(file, 'utf8')) as TraceEvent[]);
  await session.release();
  if (values.json) console.log(JSON.stringify({ trace: file, runs: repeat, ops: rows }, null, 2));
  else console.log(`${formatOpTimes(rows)}\n\n${repeat} runs; trace (Perfetto, chrome://tracing): ${file}`);
  return 0;
}
