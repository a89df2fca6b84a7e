// Runs one backend test case in this process: load the model, feed every data set, compare
// every output. Used by the pool's worker processes (and by --in-process for debugging).
import path from 'node:path';
import type { Graph } from '../graph/ir.js';
import { loadModel } from '../graph/load-model.js';
import { InferenceSession } from '../src/inference-session.js';
import type { OnnxValue } from '../data/tensor.js';
import type { ExecutionProviderOption } from '../src/providers/select-providers.js';
import type { GraphOptimizationLevel } from '../src/session/session-options.js';
import { compareValues, DEFAULT_TOLERANCE, type TolerancePolicy, toleranceFor } from './compare.js';
import { readCaseTolerance, readDataSets } from './test-data.js';

/** pass: outputs match; fail: an output differs; error: something threw; timeout/crash: set by the pool. */
export type Outcome = 'pass' | 'fail' | 'error' | 'timeout' | 'crash';

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'error', 'timeout', 'crash'];

export interface TestResult {
  name: string;
  outcome: Outcome;
  /** First line of the difference or error (absent on pass). */
  message?: string;
  /** Distinct op types in the model's main graph (domain-qualified outside ai.onnx). */
  ops: string[];
  /** The op type the error names (unsupported op, failing node), when it names one. */
  failedOp?: string;
  ms: number;
}

export interface RunTestOptions {
  provider?: ExecutionProviderOption;
  optimizationLevel?: GraphOptimizationLevel;
  /** Passed to the session so an oversized tensor fails as an error instead of exhausting memory. */
  maxTensorBytes?: number;
}

/** Distinct op types of a graph's nodes, sorted, for grouping failures by op. */
function opTypesOf(graph: Graph): string[] {
  return [...new Set(graph.nodes.map((n) => (n.domain ? `${n.domain}.${n.opType}` : n.opType)))].sort();
}

/** The runtime's errors carry the op type as a field, or name the node as `Node "n" (OpType)`. */
function opTypeOfError(e: unknown): string | undefined {
  const fields = e as { opType?: unknown; details?: { opType?: unknown } } | undefined;
  const op = fields?.opType ?? fields?.details?.opType;
  if (typeof op === 'string' && op) return op;
  return /^Node "[^"]*" \(([\w.]+)\)/.exec(e instanceof Error ? e.message : '')?.[1];
}

const MAX_MESSAGE = 400;

/** Reports stay readable when an error prints a whole tensor or a long string. */
function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}...` : message;
}

function firstLine(e: unknown): string {
  const err = e as Error;
  const text = err instanceof Error ? `${err.name}: ${err.message}` : `thrown value: ${String(e)}`;
  return text.split('\n')[0];
}

/**
 * `onOps` hears the model's op types as soon as it has loaded (before anything can hang).
 * `tolerance` is the suite's (default: ONNX's runner's); a tolerance.json in the test folder
 * overrides it.
 */
export async function runTestCase(testDir: string, options: RunTestOptions = {}, onOps?: (ops: string[]) => void,
  tolerance: TolerancePolicy = { default: DEFAULT_TOLERANCE }): Promise<TestResult> {
  const name = path.basename(testDir);
  const start = performance.now();
  let ops: string[] = [];
  const result = (outcome: Outcome, message?: string): TestResult =>
    ({ name, outcome, ...(message ? { message: clip(message) } : {}), ops, ms: Math.round(performance.now() - start) });
  try {
    const modelPath = path.join(testDir, 'model.onnx');
    const graph = loadModel(modelPath).graph;
    ops = opTypesOf(graph);
    onOps?.(ops);
    const initialized = new Set(graph.initializers.keys());
    // as in ONNX's runner, input_K feeds the K-th graph input that has no initializer
    const inputs = graph.inputs.filter((i) => !initialized.has(i.name));
    const sets = readDataSets(testDir, inputs.map((i) => i.type), graph.outputs.map((o) => o.type));
    if (sets.length === 0) return result('error', 'no test_data_set_N folder');
    const policy = readCaseTolerance(testDir) ?? tolerance;
    const session = await InferenceSession.create(modelPath, {
      executionProviders: options.provider ? [options.provider] : undefined,
      graphOptimizationLevel: options.optimizationLevel,
      maxTensorBytes: options.maxTensorBytes,
    });
    for (const set of sets) {
      if (set.inputs.length > inputs.length) {
        return result('error', `${set.name} has ${set.inputs.length} inputs, the model declares ${inputs.length}`);
      }
      const feeds: Record<string, OnnxValue> = {};
      set.inputs.forEach((v, i) => { feeds[inputs[i].name] = v; });
      const out = await session.run(feeds);
      if (set.outputs.length !== session.outputNames.length) {
        return result('fail', `${set.name}: the model has ${session.outputNames.length} outputs, the data set expects ${set.outputs.length}`);
      }
      for (let i = 0; i < set.outputs.length; i++) {
        const oname = session.outputNames[i];
        const diff = compareValues(out[oname], set.outputs[i], toleranceFor(policy, set.outputs[i]), `${set.name} output ${i} "${oname}"`);
        if (diff) return result('fail', diff);
      }
    }
    return result('pass');
  } catch (e) {
    const failedOp = opTypeOfError(e);
    return { ...result('error', firstLine(e)), ...(failedOp ? { failedOp } : {}) };
  }
}
