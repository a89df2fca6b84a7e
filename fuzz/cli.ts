// npm run fuzz -- [--cases N] [--seed S] [--jobs N] [--timeout-ms N] [--max-rss-mb N] [--limits recipe|defaults] [--json out.json]
// Mutates models and feeds (and builds shape bombs: tiny models asking for huge or non-finite
// shapes), runs each case in a worker process with a timeout and a resident-memory cap, and
// classifies: ran, clean error, internal error, crash, hang, out of memory (over the cap), file
// read outside the model folder. Exits non-zero if any case is in a bad class. Sessions get
// the README's untrusted-model limits for the cap (--limits defaults: the runtime's defaults).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WorkerPool } from '../onnx-conformance/worker-pool.js';
import { findCorpus } from './corpus.js';
import { type FuzzJob, type FuzzResult, untrustedLimits } from './run-case.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length)) },
    'timeout-ms': { type: 'string', default: '20000' },
    'max-rss-mb': { type: 'string', default: '4096' },
    /** the old name of --max-rss-mb */
    'memory-mib': { type: 'string' },
    limits: { type: 'string', default: 'recipe' },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    replay: { type: 'string' },
  },
});

const cases = Number(values.cases), seed = Number(values.seed);
const maxRssMb = Number(values['memory-mib'] ?? values['max-rss-mb']);
const timeoutMs = Number(values['timeout-ms']);
if (values.limits !== 'recipe' && values.limits !== 'defaults') throw new Error(`--limits must be recipe or defaults, got ${values.limits}`);
const limits = values.limits === 'recipe' ? untrustedLimits(maxRssMb) : undefined;
// the run is asked to stop well before the worker is killed for hanging
const runTimeoutMs = Math.floor(timeoutMs / 2);
if (values.replay !== undefined) {
  // one case, in this process, for debugging: npm run fuzz -- --seed S --replay INDEX
  const { runFuzzCase } = await import('./run-case.js');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-fuzz-replay-'));
  const r = await runFuzzCase({ seed, index: Number(values.replay), limits, runTimeoutMs }, { corpus: findCorpus().files, workDir }, (n) => console.log('case:', n));
  console.log(r);
  process.exit(0);
}

const corpus = findCorpus();
console.log(`fuzz: ${cases} cases, seed ${seed}, corpus of ${corpus.files.length} models from ${corpus.sources.join(', ')}`);
const mib = (b?: number) => (b === undefined ? 'default' : `${b / 2 ** 20} MiB`);
console.log(`  each case under ${maxRssMb} MiB resident and ${timeoutMs} ms; sessions with maxTensorBytes ${mib(limits?.maxTensorBytes)}, maxSessionBytes ${mib(limits?.maxSessionBytes)}, runs with AbortSignal.timeout(${runTimeoutMs})`);

const pool = new WorkerPool<FuzzJob, FuzzResult>({
  script: path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts'),
  size: Number(values.jobs),
  timeoutMs,
  memoryMiB: maxRssMb,
});

type Outcome = FuzzResult['outcome'] | 'crash' | 'hang' | 'out-of-memory';
const BAD: Outcome[] = ['internal-error', 'file-outside', 'crash', 'hang', 'out-of-memory'];
const counts = new Map<Outcome, number>();
const bad: { index: number; outcome: Outcome; kind?: string; source?: string; detail?: string }[] = [];
const byKind = new Map<string, number>();
const start = performance.now();
let done = 0;

await Promise.all(Array.from({ length: cases }, async (_, index) => {
  const o = await pool.run({ seed, index, limits, runTimeoutMs });
  let outcome: Outcome;
  let record: (typeof bad)[number];
  if (o.kind === 'done') {
    outcome = o.result.outcome;
    byKind.set(o.result.kind, (byKind.get(o.result.kind) ?? 0) + 1);
    record = { index, outcome, kind: o.result.kind, source: o.result.source, detail: o.result.detail };
  } else {
    outcome = o.kind === 'timeout' ? 'hang' : /out of memory|memory cap|heap/i.test(o.message) ? 'out-of-memory' : 'crash';
    const noted = o.note as { kind?: string; source?: string } | undefined;
    record = { index, outcome, kind: noted?.kind, source: noted?.source, detail: o.message };
  }
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  if (BAD.includes(outcome)) {
    bad.push(record);
    console.log(`${outcome} case ${index} (${record.kind ?? '?'} on ${record.source ?? '?'}): ${record.detail?.split('\n')[0]}`);
  } else if (values.verbose) console.log(`${outcome} case ${index} ${record.kind} ${record.source}`);
  if (++done % 1000 === 0) console.log(`  ${done}/${cases} cases (${((performance.now() - start) / 1000).toFixed(0)} s)`);
}));
await pool.close();

const order: Outcome[] = ['ran', 'clean-error', 'skipped', 'internal-error', 'crash', 'hang', 'out-of-memory', 'file-outside'];
console.log(`\nseed ${seed}, ${cases} cases in ${((performance.now() - start) / 1000).toFixed(1)} s:`);
for (const o of order) console.log(`  ${o.padEnd(15)} ${counts.get(o) ?? 0}`);
console.log(`  (${byKind.get('shape-bomb') ?? 0} of the cases were shape bombs)`);
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ seed, cases, counts: Object.fromEntries(counts), byKind: Object.fromEntries(byKind), bad }, null, 2));
const nBad = bad.length;
console.log(nBad === 0 ? 'fuzz: no crashes, hangs, out-of-memory, internal errors or reads outside the model folder' : `fuzz: ${nBad} bad cases`);
process.exitCode = nBad === 0 ? 0 : 1;
