// `onnx-ts optimize MODEL -o OUT`: the session's optimizer at a level, its graph written out
// (through the session option optimizedModelFilePath), with node counts before and after and
// the passes that changed the graph.
import fs from 'node:fs';
import type { Node } from '../../graph/ir.js';
import { inlineFunctions } from '../../graph/inline-functions.js';
import { loadModel } from '../../graph/load-model.js';
import type { OptimizeReport } from '../../graph/optimize-graph.js';
import { InferenceSession } from '../inference-session.js';
import { OUTPUT_FLAGS, UsageError, levelFlag, modelArgument, parseCommandArgs } from './cli-args.js';
import { Progress } from './progress.js';

export const OPTIMIZE_USAGE = `  onnx-ts optimize MODEL -o OUT [options]   write the optimized model (fused ops in domain onnx-ts),
                                       with op counts before and after and the passes applied
      -o, --output OUT                 the .onnx file to write
      --level disabled|basic|extended|all   optimization level (default all)
      --json                           print the summary as JSON`;

const OPTIMIZE_FLAGS = { ...OUTPUT_FLAGS, output: { type: 'string', short: 'o' }, level: { type: 'string' } } as const;

export interface OptimizeSummary {
  model: string;
  output: string;
  level: string;
  bytes: number;
  nodesBefore: number;
  nodesAfter: number;
  /** Main-graph op counts, keyed "Conv" for ai.onnx and "domain.Op" otherwise. */
  opsBefore: Record<string, number>;
  opsAfter: Record<string, number>;
  /** The session's report: for each pass that changed the graph, in how many optimizer rounds. */
  passRuns: OptimizeReport['passRuns'];
}

function opCounts(nodes: readonly Node[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of nodes) {
    const key = n.domain ? `${n.domain}.${n.opType}` : n.opType;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export async function optimizeModel(modelPath: string, output: string, level: NonNullable<ReturnType<typeof levelFlag>>, progress = new Progress()): Promise<OptimizeSummary> {
  progress.step(`loading and optimizing (level ${level})…`);
  // the optimizer does not depend on providers; the reference kernels bind without starting workers
  const session = await InferenceSession.create(modelPath, { graphOptimizationLevel: level, optimizedModelFilePath: output, executionProviders: ['js'] });
  const optimization = session.optimization;
  const before = inlineFunctions(session.model.graph, session.model.functions).nodes;
  await session.release();
  progress.step('reading the written model back…');
  const written = loadModel(output);
  progress.done();
  return {
    model: modelPath,
    output,
    level,
    bytes: fs.statSync(output).size,
    nodesBefore: optimization.nodesBefore,
    nodesAfter: optimization.nodesAfter,
    opsBefore: opCounts(before),
    opsAfter: opCounts(written.graph.nodes),
    passRuns: optimization.passRuns,
  };
}

export function formatOptimizeSummary(s: OptimizeSummary): string {
  const ops = [...new Set([...Object.keys(s.opsBefore), ...Object.keys(s.opsAfter)])]
    .map((op) => [op, s.opsBefore[op] ?? 0, s.opsAfter[op] ?? 0] as const)
    .sort((a, b) => b[1] + b[2] - (a[1] + a[2]) || a[0].localeCompare(b[0]));
  const width = Math.max(7, ...ops.map(([op]) => op.length));
  const passes = Object.entries(s.passRuns);
  return [
    `${s.model} -> ${s.output} (level ${s.level}, ${(s.bytes / 1024).toFixed(1)} KiB)`,
    `nodes: ${s.nodesBefore} -> ${s.nodesAfter}`,
    `  ${'op'.padEnd(width)}  before  after`,
    ...ops.map(([op, b, a]) => `  ${op.padEnd(width)}  ${String(b).padStart(6)}  ${String(a).padStart(5)}${a !== b ? `  (${a > b ? '+' : ''}${a - b})` : ''}`),
    passes.length
      ? `passes that changed the graph (optimizer rounds): ${passes.map(([p, n]) => `${p} ${n}`).join(', ')}`
      : 'no pass changed the graph',
  ].join('\n');
}

export async function optimizeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIMIZE_FLAGS, OPTIMIZE_USAGE);
  if (values.help) {
    console.log(OPTIMIZE_USAGE);
    return 0;
  }
  const modelPath = modelArgument(positionals, 'optimize', OPTIMIZE_USAGE);
  if (!values.output) throw new UsageError('onnx-ts optimize: give the output file with -o OUT', OPTIMIZE_USAGE);
  const summary = await optimizeModel(modelPath, values.output, levelFlag(values.level, OPTIMIZE_USAGE) ?? 'all');
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatOptimizeSummary(summary));
  return 0;
}
