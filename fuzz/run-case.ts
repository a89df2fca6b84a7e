// One fuzz case, run inside a worker process: build the mutated model and feeds from
// (seed, index), load and run it, and classify what happened. File opens are watched so a
// read outside the model's folder is caught even when it does not fail. Sessions get the
// README's untrusted-model limits for the worker's memory cap, and the run a time limit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceSession, type SessionOptions } from '../src/index.js';
import { classifyError } from './classify-error.js';
import { FEED_MUTATIONS, mutateFeeds, validFeeds } from './make-feeds.js';
import { makeShapeBomb } from './shape-bombs.js';
import { BYTE_MUTATIONS, type CaseDir, mutateBytes, mutateStructure, STRUCTURE_MUTATIONS } from './mutate-model.js';
import { caseSeed, Prng } from './prng.js';

export interface FuzzJob {
  seed: number;
  index: number;
  /** Session limits for the case (the untrusted-model recipe for the worker's memory cap); defaults when absent. */
  limits?: Pick<SessionOptions, 'maxTensorBytes' | 'maxSessionBytes'>;
  /** The run's AbortSignal.timeout, well inside the worker's own timeout. */
  runTimeoutMs?: number;
}

/** The README's recipe for untrusted models in a process of `memoryMiB`: a quarter each for one tensor and for one run. */
export function untrustedLimits(memoryMiB: number): Pick<SessionOptions, 'maxTensorBytes' | 'maxSessionBytes'> {
  const quarter = Math.floor(memoryMiB / 4) * 2 ** 20;
  return { maxTensorBytes: Math.min(2 ** 31, quarter), maxSessionBytes: quarter };
}

export interface FuzzEnv { corpus: string[]; workDir: string }

export type CaseClass = 'ran' | 'clean-error' | 'internal-error' | 'file-outside' | 'skipped';

export interface FuzzResult { index: number; kind: string; source: string; outcome: CaseClass; detail?: string }

const opened: string[] = [];
/** The runtime's own compiled kernels, loaded lazily on first use: not files a model asked for. */
const RUNTIME_ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'kernels', 'wasm', 'build') + path.sep;
let watching = false;

function watchOpens(): void {
  if (watching) return;
  watching = true;
  const origOpen = fs.openSync;
  const origRead = fs.readFileSync;
  (fs as { openSync: unknown }).openSync = (p: fs.PathLike, ...rest: unknown[]) => {
    opened.push(String(p));
    return (origOpen as (...a: unknown[]) => number)(p, ...rest);
  };
  (fs as { readFileSync: unknown }).readFileSync = (p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (typeof p !== 'number') opened.push(String(p));
    return (origRead as (...a: unknown[]) => unknown)(p, ...rest);
  };
}

function caseDirs(workDir: string): CaseDir {
  const dir = path.join(workDir, 'case');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const secret = path.join(workDir, 'secret.bin');
  if (!fs.existsSync(secret)) fs.writeFileSync(secret, Buffer.alloc(4096, 7));
  return { dir, secret };
}

export async function runFuzzCase(job: FuzzJob, env: FuzzEnv, note: (n: unknown) => void = () => {}): Promise<FuzzResult> {
  watchOpens();
  const rng = new Prng(caseSeed(job.seed, job.index));
  const source = rng.pick(env.corpus);
  const where = caseDirs(env.workDir);
  const group = rng.int(4);
  let kind: string = group === 0 ? rng.pick(BYTE_MUTATIONS) : group === 1 ? rng.pick(STRUCTURE_MUTATIONS) : group === 2 ? rng.pick(FEED_MUTATIONS) : 'shape-bomb';
  const bomb = kind === 'shape-bomb' ? makeShapeBomb(rng) : undefined;
  const base = () => ({ index: job.index, kind, source: bomb ? bomb.name : path.relative(path.dirname(path.dirname(path.dirname(source))), source) });
  let bytes: Uint8Array = bomb ? bomb.bytes : fs.readFileSync(source);
  try {
    if (bomb) { /* built above */ } else if ((BYTE_MUTATIONS as readonly string[]).includes(kind)) bytes = mutateBytes(bytes, kind as (typeof BYTE_MUTATIONS)[number], rng);
    else if ((STRUCTURE_MUTATIONS as readonly string[]).includes(kind)) {
      const m = mutateStructure(bytes, kind as (typeof STRUCTURE_MUTATIONS)[number], rng, where);
      // nothing of that kind to mutate in this model: flip bytes instead
      bytes = m ?? mutateBytes(bytes, 'flip-bytes', rng);
      if (!m) kind = 'flip-bytes';
    }
  } catch (e) {
    // the original could not be decoded for structural mutation: mutate its bytes instead
    bytes = mutateBytes(bytes, 'flip-bytes', rng);
    void e;
  }
  note({ kind, source: base().source });
  const modelPath = path.join(where.dir, 'model.onnx');
  fs.writeFileSync(modelPath, bytes);
  opened.length = 0;
  let outcome: CaseClass = 'ran';
  let detail: string | undefined;
  try {
    const session = await InferenceSession.create(modelPath, { graphOptimizationLevel: rng.pick(['disabled', 'all'] as const), ...job.limits });
    let feeds = validFeeds(session, rng);
    if ((FEED_MUTATIONS as readonly string[]).includes(kind)) feeds = mutateFeeds(feeds, kind as (typeof FEED_MUTATIONS)[number], rng);
    if (bomb) Object.assign(feeds, bomb.feeds);
    await session.run(feeds, job.runTimeoutMs ? { signal: AbortSignal.timeout(job.runTimeoutMs) } : {});
    await session.release();
  } catch (e) {
    // typed errors quoting an engine error (a RangeError from a typed-array constructor, a
    // TypeError) are internal errors, whatever class the session gave them
    ({ outcome, detail } = classifyError(e));
  }
  const realCase = fs.realpathSync(where.dir);
  const outside = opened.filter((p) => {
    if (path.resolve(p).startsWith(RUNTIME_ASSETS)) return false;
    const abs = path.resolve(p);
    let real = abs;
    try { real = fs.realpathSync(abs); } catch { /* not there */ }
    return !real.startsWith(realCase + path.sep) && real !== path.join(realCase, 'model.onnx');
  });
  if (outside.length) return { ...base(), outcome: 'file-outside', detail: outside.join(', ') };
  return { ...base(), outcome, detail };
}
