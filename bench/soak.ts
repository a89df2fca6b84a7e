// npm run soak -- [--seconds 600] [--sessions 8] [--concurrency 32] [--cycles N] [--generate STEPS]
//   [--provider wasm|cpu|gpu|js]
// Sessions of different models in one process (the bundled model, shared models where
// ../shared/models exists, small generated ones), each with up to --concurrency runs in
// flight, for --seconds: outputs must be bit-identical to serial runs, no run may fail, no
// rejection may go unhandled. Prints RSS at the start (after warm-up), its peak and the end.
// With --cycles N, then N create/run/release cycles, RSS printed ten times (run with
// `node --expose-gc` through tsx for exact figures). With --generate STEPS, then a STEPS-token
// KV-cache generation through transformers.js (bench/soak-generate.ts). Exits non-zero on any problem.
import { parseArgs } from 'node:util';
import type { SessionOptions } from '../src/index.js';
import { runGenerationSoak } from './soak-generate.js';
import { runCycles, runSoak } from './soak-run.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    sessions: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '32' },
    cycles: { type: 'string', default: '0' },
    generate: { type: 'string', default: '0' },
    provider: { type: 'string' },
  },
});
const sessionOptions: SessionOptions | undefined = values.provider ? { executionProviders: [values.provider] } : undefined;
const log = (line: string) => console.log(line);

console.log(`soak: ${values.sessions} sessions, ${values.concurrency} runs in flight each, ${values.seconds} s${values.provider ? `, provider ${values.provider}` : ''}`);
const r = await runSoak({ seconds: Number(values.seconds), sessions: Number(values.sessions), concurrency: Number(values.concurrency), sessionOptions, log });
for (const m of r.models) console.log(`  ${m.name.padEnd(28)} ${String(m.runs).padStart(7)} runs, ${m.mismatches} mismatches, ${m.errors} errors`);
console.log(`soak: ${r.runs} runs in ${r.seconds.toFixed(1)} s; ${r.mismatches} mismatches, ${r.errors} errors, ${r.unhandledRejections} unhandled rejections; RSS start ${r.rssMiB.start} MiB, peak ${r.rssMiB.peak} MiB, end ${r.rssMiB.end} MiB`);
let bad = r.mismatches + r.errors + r.unhandledRejections > 0;
if (r.firstProblem) console.log(`first problem: ${r.firstProblem}`);

const cycles = Number(values.cycles);
if (cycles > 0) {
  console.log(`cycles: ${cycles} create/run/release cycles over ${values.sessions} models`);
  const c = await runCycles(cycles, Number(values.sessions), sessionOptions, log).catch((e: Error) => {
    console.log(`cycles failed: ${e.message}`);
    bad = true;
    return undefined;
  });
  if (c) console.log(`cycles: ${c.cycles} in ${c.seconds.toFixed(1)} s; RSS ${c.rssMiB.join(', ')} MiB`);
}

const steps = Number(values.generate);
if (steps > 0) {
  console.log(`generate: ${steps} tokens with a KV cache through transformers.js`);
  const g = await runGenerationSoak(steps, log).catch((e: Error) => {
    console.log(`generate failed: ${e.message}`);
    bad = true;
    return undefined;
  });
  if (g) {
    const rss = g.samples.map((x) => x.rssMiB);
    console.log(`generate: ${g.steps} steps in ${g.seconds.toFixed(1)} s; ${g.mismatches} positions where the uncached run disagrees (${g.ties} of them ties); RSS ${Math.min(...rss)}..${Math.max(...rss)} MiB; ms/step ${g.samples[0]?.msPerStep.toFixed(2)} at the start, ${g.samples.at(-1)?.msPerStep.toFixed(2)} at the end`);
    if (g.mismatches > g.ties) bad = true;
  }
}
process.exitCode = bad ? 1 : 0;
