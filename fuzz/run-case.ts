// One fuzz case, run inside a worker process: build the mutated model and feeds from
// (seed, index), load and run it, and classify what happened. File opens are watched so a
// read outside the model's folder is caught even when it does not fail.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExecutionError, InferenceSession, OnnxError } from '../src/index.js';
import { FEED_MUTATIONS, mutateFeeds, validFeeds } from './make-feeds.js';
import { BYTE_MUTATIONS, type CaseDir, mutateBytes, mutateStructure, STRUCTURE_MUTATIONS } from './mutate-model.js';
import { caseSeed, Prng } from './prng.js';

export interface FuzzJob { seed: number; index: number }

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
  const group = rng.int(3);
  let kind: string = group === 0 ? rng.pick(BYTE_MUTATIONS) : group === 1 ? rng.pick(STRUCTURE_MUTATIONS) : rng.pick(FEED_MUTATIONS);
  const base = () => ({ index: job.index, kind, source: path.relative(path.dirname(path.dirname(path.dirname(source))), source) });
  let bytes: Uint8Array = fs.readFileSync(source);
  try {
    if ((BYTE_MUTATIONS as readonly string[]).includes(kind)) bytes = mutateBytes(bytes, kind as (typeof BYTE_MUTATIONS)[number], rng);
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
    const session = await InferenceSession.create(modelPath, { graphOptimizationLevel: rng.pick(['disabled', 'all'] as const) });
    let feeds = validFeeds(session, rng);
    if ((FEED_MUTATIONS as readonly string[]).includes(kind)) feeds = mutateFeeds(feeds, kind as (typeof FEED_MUTATIONS)[number], rng);
    await session.run(feeds);
    await session.release();
  } catch (e) {
    // an ExecutionError wrapping a plain JS error is a kernel bug that the session caught:
    // typed for the user, but still an internal error for us
    const cause = (e as { cause?: unknown }).cause;
    // protobufjs rejecting malformed bytes (bad UTF-8, bad lengths) is the decoder working
    const decoderRejected = e instanceof OnnxError && e.message.startsWith('Cannot decode the model');
    const jsBug = !decoderRejected && cause instanceof TypeError || cause instanceof ReferenceError || (cause instanceof RangeError && !/index out of range/.test(cause.message));
    if ((e instanceof ExecutionError && cause instanceof Error && !(cause instanceof OnnxError)) || (e instanceof OnnxError && jsBug)) {
      outcome = 'internal-error';
      detail = `${e.message}\n${cause.stack?.split('\n').slice(1, 4).join('\n')}`;
    } else if (e instanceof OnnxError) { outcome = 'clean-error'; detail = `${e.name}: ${e.message}`.slice(0, 300); }
    else { outcome = 'internal-error'; detail = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e); }
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
