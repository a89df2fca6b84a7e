// The flags several commands share (--provider, --level, --threads, --input, --json), their help
// lines, and the parsing that turns a command's argv into validated values.
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OnnxError } from '../../data/errors.js';
import { LEVEL_RANK, type OptimizationLevel } from '../../graph/passes/pass.js';
import type { SessionOptions } from '../session/session-options.js';

/** A command line the command cannot act on (unknown flag, missing model, bad number): exit code 2. */
export class UsageError extends OnnxError {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const SESSION_FLAGS = {
  provider: { type: 'string', multiple: true },
  level: { type: 'string' },
  threads: { type: 'string' },
} as const satisfies Options;

export const INPUT_FLAGS = { input: { type: 'string', multiple: true } } as const satisfies Options;

export const OUTPUT_FLAGS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export const LEVELS = Object.keys(LEVEL_RANK) as OptimizationLevel[];

export const SESSION_FLAGS_USAGE = `      --provider P                     execution provider (repeatable, in preference order; default wasm)
      --level ${LEVELS.join('|')}   graph optimization level (default all)
      --threads N                      intra-op threads (default: env.wasm.numThreads, else one per core)`;

export const INPUT_FLAGS_USAGE = `      --input NAME=FILE                an input from .pb (TensorProto), .npy or .json (repeatable);
                                       inputs not given are filled with seeded random values`;

export interface SessionFlags {
  provider?: string[];
  level?: string;
  threads?: string;
}

/**
 * Parses one command's arguments (after the command name). Unknown flags and missing values
 * are usage errors, not crashes.
 */
export type ParsedCommandArgs<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<T extends Options>(argv: string[], options: T, usage: string): ParsedCommandArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(e.message, usage);
    throw e;
  }
}

/** The MODEL positional, which must name an existing file. */
export function modelArgument(positionals: string[], command: string, usage: string): string {
  const [model, ...extra] = positionals;
  if (!model) throw new UsageError(`onnx-ts ${command}: give a model path`, usage);
  if (extra.length) throw new UsageError(`onnx-ts ${command}: unexpected argument "${extra[0]}"`, usage);
  if (!fs.existsSync(model)) throw new UsageError(`onnx-ts ${command}: no such file: ${model}`, usage);
  return model;
}

/** A whole number >= min from a flag, or `fallback` when the flag is absent. */
export function intFlag(value: string | undefined, flag: string, fallback: number, usage: string, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} needs a whole number >= ${min}, got "${value}"`, usage);
  return n;
}

export function levelFlag(value: string | undefined, usage: string): OptimizationLevel | undefined {
  if (value === undefined) return undefined;
  if (!(LEVELS as string[]).includes(value)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}, got "${value}"`, usage);
  return value as OptimizationLevel;
}

/** The session options --provider, --level and --threads ask for. */
export function sessionOptionsFrom(flags: SessionFlags, usage: string): SessionOptions {
  return {
    executionProviders: flags.provider,
    graphOptimizationLevel: levelFlag(flags.level, usage),
    intraOpNumThreads: flags.threads === undefined ? undefined : intFlag(flags.threads, 'threads', 1, usage),
  };
}
