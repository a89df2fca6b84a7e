// The `onnx-ts` command: dispatches to one file per command. With no command it runs the
// bundled example model so a newcomer sees the runtime work at once.
import { OnnxError } from '../../data/errors.js';
import { BENCH_USAGE, benchCommand } from './bench-command.js';
import { CHECK_USAGE, checkCommand } from './check-command.js';
import { UsageError } from './cli-args.js';
import { INFO_USAGE, infoCommand } from './info.js';
import { OPTIMIZE_USAGE, optimizeCommand } from './optimize-command.js';
import { PROFILE_USAGE, profileCommand } from './profile-command.js';
import { eraseProgressLine } from './progress.js';
import { RUN_USAGE, exampleCommand, runCommand } from './run-command.js';

export { bundledModelPath } from './run-command.js';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  info: infoCommand,
  check: checkCommand,
  bench: benchCommand,
  profile: profileCommand,
  optimize: optimizeCommand,
};

const HELP = `onnx-ts: run ONNX models in pure TypeScript

Usage:
  onnx-ts                              run the bundled example model (tiny colour CNN)
${[RUN_USAGE, INFO_USAGE, CHECK_USAGE, BENCH_USAGE, PROFILE_USAGE, OPTIMIZE_USAGE].join('\n')}
  onnx-ts COMMAND --help               one command's options
  onnx-ts --help

Progress goes to stderr; results (and --json) to stdout. Exit codes: 0 done, 1 the model
failed (unsupported, invalid, or an error while running), 2 a usage error.
`;

let pipeGuarded = false;

export async function main(argv: string[]): Promise<number> {
  // `onnx-ts info MODEL | head` closes the pipe early: stop quietly instead of throwing EPIPE
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(HELP);
    return 0;
  }
  try {
    if (first === undefined || first.startsWith('-')) return await exampleCommand(argv);
    const command = COMMANDS[first];
    if (!command) {
      console.error(`onnx-ts: unknown command "${first}"\n\n${HELP}`);
      return 2;
    }
    return await command(rest);
  } catch (e) {
    eraseProgressLine();
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\nUsage:\n${e.usage}`);
      return 2;
    }
    if (e instanceof OnnxError) {
      console.error(`${e.name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
