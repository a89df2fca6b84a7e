// Child process of bench/generate.ts: one decoder in one engine. A prefill of PROMPT tokens
// (timed three times after one warm-up), then greedy decode steps feeding each step's present
// key/values back as the next step's past; prints one JSON line.
//   tsx bench/generate-one.ts ENGINE MODEL THREADS PROMPT STEPS HEADS HEAD_DIM
import { Tensor } from '../src/index.js';
import { type EngineSession, openSession } from './engines.js';

const [engine, file, ...numbers] = process.argv.slice(2);
const [threads, prompt, steps, heads, headDim] = numbers.map(Number);
const mib = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const int64 = (values: number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(values, BigInt), dims);

const t0 = performance.now();
const session: EngineSession = await openSession(engine, file, { threads });
const createMs = performance.now() - t0;
const pastNames = session.inputNames.filter((n) => n.startsWith('past_key_values.'));

/** A first step's past: [1, heads, 0, headDim]. */
const emptyPast = Object.fromEntries(pastNames.map((n) => [n, session.tensor(new Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]))]));
let seed = 7;
const promptIds = Array.from({ length: prompt }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000);

async function prefill(): Promise<Record<string, { data: unknown; dims: readonly number[] }>> {
  const feeds: Record<string, unknown> = {
    input_ids: session.tensor(int64(promptIds, [1, prompt])),
    attention_mask: session.tensor(int64(promptIds.map(() => 1), [1, prompt])),
    position_ids: session.tensor(int64(promptIds.map((_, i) => i), [1, prompt])),
    ...emptyPast,
  };
  return session.run(feeds);
}

function argmaxLast(logits: { data: unknown; dims: readonly number[] }): number {
  const vocab = logits.dims[2];
  const data = logits.data as Float32Array;
  const row = data.subarray(data.length - vocab);
  let best = 0;
  for (let v = 1; v < vocab; v++) if (row[v] > row[best]) best = v;
  return best;
}

await prefill(); // warm-up
const prefillMs: number[] = [];
let out!: Awaited<ReturnType<typeof prefill>>;
for (let i = 0; i < 3; i++) {
  const s = performance.now();
  out = await prefill();
  prefillMs.push(performance.now() - s);
}
const decodeMs: number[] = [];
const rssMiB: Record<number, number> = {};
let next = argmaxLast(out.logits);
for (let step = 1; step <= steps; step++) {
  const total = prompt + step;
  const feeds: Record<string, unknown> = {
    input_ids: session.tensor(int64([next], [1, 1])),
    attention_mask: session.tensor(int64(new Array(total).fill(1), [1, total])),
    position_ids: session.tensor(int64([total - 1], [1, 1])),
  };
  for (const n of pastNames) feeds[n] = out[n.replace('past_key_values.', 'present.')];
  const s = performance.now();
  out = await session.run(feeds);
  decodeMs.push(performance.now() - s);
  next = argmaxLast(out.logits);
  if (step === 1 || step === steps) rssMiB[step] = mib();
}
console.log(JSON.stringify({ engine, createMs, prefillMs, decodeMs, rssMiB, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
