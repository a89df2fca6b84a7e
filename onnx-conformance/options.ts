// Command-line options of `npm run conformance`, parsed and checked.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { GraphOptimizationLevel } from '../src/session/session-options.js';
import { isSuiteName, REPO_ROOT, SUITES, type SuiteName } from './test-data.js';

export const PROVIDERS = ['cpu', 'js', 'wasm', 'gpu'] as const;
export const LEVELS: readonly GraphOptimizationLevel[] = ['disabled', 'basic', 'extended', 'all'];

export const DEFAULT_MANIFEST = path.join(REPO_ROOT, 'onnx-conformance', 'expected-pass.txt');

export const USAGE = `Usage: npm run conformance -- [options]

  --suite S           node | simple | pytorch-converted | pytorch-operator | contrib | all,
                      or a comma-separated list (default: node; with --check-expected:
                      the suites named in the manifest)
  --filter REGEX      run only tests whose name (or suite/name) matches
  --provider P        cpu or js (the JavaScript reference) | wasm | gpu (default: cpu)
  --level L           graph optimization level: disabled | basic | extended | all
  --report FILE       write a markdown report
  --json FILE         write a JSON report
  --jobs N            worker processes (default: number of CPUs)
  --timeout-ms N      per-test time limit (default: 20000)
  --memory-mb N       per-worker memory cap in MiB (default: 2048)
  --check-expected    exit 1 if a test listed in the manifest no longer passes
  --update-expected   rewrite the manifest entries of the tests that ran
  --manifest FILE     the manifest (default: onnx-conformance/expected-pass.txt)
  --in-process        run tests in this process, one by one (debugging; no isolation)
  --verbose           list passing tests too
  --help`;

export interface CliOptions {
  /** Undefined: not given on the command line (the CLI picks a default). */
  suites?: SuiteName[];
  filter?: RegExp;
  provider?: (typeof PROVIDERS)[number];
  level?: GraphOptimizationLevel;
  report?: string;
  json?: string;
  jobs: number;
  timeoutMs: number;
  memoryMiB: number;
  checkExpected: boolean;
  updateExpected: boolean;
  manifest: string;
  inProcess: boolean;
  verbose: boolean;
  help: boolean;
}

export class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} needs a positive integer, got "${value}"`);
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

function parseSuites(value: string | undefined): SuiteName[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return [...SUITES];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!isSuiteName(n)) throw new UsageError(`--suite must be all or one of ${SUITES.join(', ')}; got "${n}"`);
  }
  return [...new Set(names as SuiteName[])];
}

function parseFilter(value: string | undefined): RegExp | undefined {
  if (value === undefined) return undefined;
  try {
    return new RegExp(value);
  } catch (e) {
    throw new UsageError(`--filter is not a valid regular expression: ${(e as Error).message}`);
  }
}

export function parseOptions(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        suite: { type: 'string' }, filter: { type: 'string' }, provider: { type: 'string' }, level: { type: 'string' },
        report: { type: 'string' }, json: { type: 'string' }, jobs: { type: 'string' }, 'timeout-ms': { type: 'string' },
        'memory-mb': { type: 'string' }, 'check-expected': { type: 'boolean' }, 'update-expected': { type: 'boolean' },
        manifest: { type: 'string' }, 'in-process': { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return {
    suites: parseSuites(values.suite),
    filter: parseFilter(values.filter),
    provider: oneOf('provider', values.provider, PROVIDERS),
    level: oneOf('level', values.level, LEVELS),
    report: values.report,
    json: values.json,
    jobs: positiveInt('jobs', values.jobs, os.availableParallelism()),
    timeoutMs: positiveInt('timeout-ms', values['timeout-ms'], 20_000),
    memoryMiB: positiveInt('memory-mb', values['memory-mb'], 2048),
    checkExpected: values['check-expected'] ?? false,
    updateExpected: values['update-expected'] ?? false,
    manifest: path.resolve(values.manifest ?? DEFAULT_MANIFEST),
    inProcess: values['in-process'] ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}
