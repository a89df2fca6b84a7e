// Runs one backend test case in this process and reports pass/fail with the first difference.
import path from 'node:path';
import { loadModel } from '../graph/load-model.js';
import { InferenceSession } from '../src/inference-session.js';
import type { OnnxValue } from '../src/data/tensor.js';
import type { ExecutionProviderOption } from '../src/providers/select-providers.js';
import type { GraphOptimizationLevel } from '../src/session/session-options.js';
import { compareValues, DEFAULT_TOLERANCE } from './compare.js';
import { readDataSets } from './test-data.js';

export type Outcome = 'pass' | 'fail' | 'error' | 'timeout' | 'crash';

export interface TestResult {
  name: string;
  outcome: Outcome;
  message?: string;
  ops: string[];
  ms: number;
}

export interface RunTestOptions {
  provider?: ExecutionProviderOption;
  optimizationLevel?: GraphOptimizationLevel;
}

export async function runTestCase(testDir: string, options: RunTestOptions = {}): Promise<TestResult> {
  const name = path.basename(testDir);
  const start = performance.now();
  let ops: string[] = [];
  try {
    const modelPath = path.join(testDir, 'model.onnx');
    const model = loadModel(modelPath);
    ops = [...new Set(model.graph.nodes.map((n) => (n.domain ? `${n.domain}.${n.opType}` : n.opType)))];
    const initialized = new Set(model.graph.initializers.keys());
    const inputs = model.graph.inputs.filter((i) => !initialized.has(i.name));
    const sets = readDataSets(testDir, inputs.map((i) => i.type), model.graph.outputs.map((o) => o.type));
    const session = await InferenceSession.create(modelPath, {
      executionProviders: options.provider ? [options.provider] : undefined,
      graphOptimizationLevel: options.optimizationLevel,
    });
    for (const [k, set] of sets.entries()) {
      const feeds: Record<string, OnnxValue> = {};
      set.inputs.forEach((v, i) => {
        if (i < inputs.length) feeds[inputs[i].name] = v;
      });
      const out = await session.run(feeds);
      for (let i = 0; i < set.outputs.length; i++) {
        const oname = session.outputNames[i];
        const diff = compareValues(out[oname], set.outputs[i], DEFAULT_TOLERANCE, `data set ${k} output "${oname}"`);
        if (diff) return { name, outcome: 'fail', message: diff, ops, ms: performance.now() - start };
      }
    }
    return { name, outcome: 'pass', ops, ms: performance.now() - start };
  } catch (e) {
    const err = e as Error;
    return { name, outcome: 'error', message: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`.split('\n')[0], ops, ms: performance.now() - start };
  }
}
