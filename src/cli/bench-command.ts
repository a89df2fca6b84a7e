// `onnx-ts bench MODEL`: latency over repeated runs after a warm-up, session creation time,
// peak RSS, the threads and providers used, and where the nodes ran.
import { defaultWasmThreads } from '../../kernels/wasm/wasm-threads.js';
import { withEnvDefaults } from '../env.js';
import { InferenceSession } from '../inference-session.js';
import type { NodePlacement } from '../session/compiled-graph.js';
import {
  INPUT_FLAGS, INPUT_FLAGS_USAGE, OUTPUT_FLAGS, SESSION_FLAGS, SESSION_FLAGS_USAGE, intFlag, modelArgument, parseCommandArgs, sessionOptionsFrom,
} from './cli-args.js';
import { feedsFor } from './feeds.js';
import { type LatencyStats, latencyStats } from './latency-stats.js';
import { Progress } from './progress.js';

export const BENCH_USAGE = `  onnx-ts bench MODEL [options]        latency (min, mean, p50, p90) of timed runs after warm-up runs,
                                       session create time, peak RSS, threads, providers, placement
      --runs N                         timed runs (default 20)
      --warmup N                       untimed runs before them (default 3)
${SESSION_FLAGS_USAGE}
${INPUT_FLAGS_USAGE}
      --json                           print the results as JSON`;

const BENCH_FLAGS = { ...INPUT_FLAGS, ...SESSION_FLAGS, ...OUTPUT_FLAGS, runs: { type: 'string' }, warmup: { type: 'string' } } as const;

export interface PlacementSummary {
  /** Nodes of the main graph per provider that runs them. */
  nodesByProvider: Record<string, number>;
  /** Runs, over all warm-up and timed runs, in which a provider fell back to the reference kernel. */
  fallbackRuns: number;
  /** Nodes that fell back at least once. */
  nodesWithFallback: number;
}

export interface BenchResult {
  model: string;
  runs: number;
  warmup: number;
  createMs: number;
  latencyMs: LatencyStats;
  /** process.resourceUsage().maxRSS, in bytes: the whole process, creation and runs included. */
  peakRssBytes: number;
  /** The intra-op thread count the wasm provider gets (the --threads flag, env.wasm.numThreads, or one per core). */
  threads: number;
  /** --provider as given; [] for the default. */
  providers: string[];
  level: string;
  placement: PlacementSummary;
}

export function summarizePlacement(placement: readonly NodePlacement[]): PlacementSummary {
  const nodesByProvider: Record<string, number> = {};
  let fallbackRuns = 0;
  let nodesWithFallback = 0;
  for (const p of placement) {
    nodesByProvider[p.provider] = (nodesByProvider[p.provider] ?? 0) + 1;
    fallbackRuns += p.fallbackRuns;
    if (p.fallbackRuns > 0) nodesWithFallback++;
  }
  return { nodesByProvider, fallbackRuns, nodesWithFallback };
}

export async function benchModel(
  modelPath: string, values: ReturnType<typeof parseBenchArgs>['values'], progress = new Progress(),
): Promise<BenchResult> {
  const runs = intFlag(values.runs, 'runs', 20, BENCH_USAGE);
  const warmup = intFlag(values.warmup, 'warmup', 3, BENCH_USAGE, 0);
  const options = sessionOptionsFrom(values, BENCH_USAGE);
  progress.step('loading…');
  const t0 = performance.now();
  const session = await InferenceSession.create(modelPath, options);
  const createMs = performance.now() - t0;
  progress.done(); // feedsFor's notes on stderr start on a clean line
  try {
    const feeds = feedsFor(session, values.input);
    for (let i = 0; i < warmup; i++) {
      progress.step(`warm-up ${i + 1}/${warmup}`);
      await session.run(feeds);
    }
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      progress.step(`run ${i + 1}/${runs}`);
      const s = performance.now();
      await session.run(feeds);
      times.push(performance.now() - s);
    }
    return {
      model: modelPath,
      runs,
      warmup,
      createMs,
      latencyMs: latencyStats(times),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      threads: withEnvDefaults(options).intraOpNumThreads ?? defaultWasmThreads(),
      providers: values.provider ?? [],
      level: options.graphOptimizationLevel ?? 'all',
      placement: summarizePlacement(session.nodePlacement),
    };
  } finally {
    progress.done();
    await session.release();
  }
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

export function formatBenchResult(r: BenchResult): string {
  const l = r.latencyMs;
  const p = r.placement;
  return [
    `${r.model}: ${r.runs} runs after ${r.warmup} warm-up`,
    `latency   p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  min ${ms(l.min)}  mean ${ms(l.mean)}  max ${ms(l.max)}`,
    `create    ${ms(r.createMs)}`,
    `peak RSS  ${(r.peakRssBytes / 2 ** 20).toFixed(1)} MiB`,
    `session   providers ${r.providers.length ? r.providers.join(', ') : '(default)'}, level ${r.level}, threads ${r.threads}`,
    `placement ${Object.entries(p.nodesByProvider).map(([prov, n]) => `${n} nodes on ${prov}`).join(', ')}; ` +
      `${p.fallbackRuns} fallback runs to reference kernels${p.fallbackRuns ? ` (${p.nodesWithFallback} nodes)` : ''}`,
  ].join('\n');
}

function parseBenchArgs(argv: string[]) {
  return parseCommandArgs(argv, BENCH_FLAGS, BENCH_USAGE);
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseBenchArgs(argv);
  if (values.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const result = await benchModel(modelArgument(positionals, 'bench', BENCH_USAGE), values);
  console.log(values.json ? JSON.stringify(result, null, 2) : formatBenchResult(result));
  return 0;
}
