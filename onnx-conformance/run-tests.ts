// Runs a list of test cases, isolated in a pool of worker processes (or, for debugging, one
// by one in this process), and hands each result over as it arrives.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TolerancePolicy } from './compare.js';
import type { RunTestOptions, TestResult } from './run-test.js';
import type { SuiteName } from './test-data.js';
import type { TestJob } from './worker.js';
import { WorkerPool } from './worker-pool.js';

export interface TestCase {
  suite: SuiteName;
  name: string;
  dir: string;
  /** The suite's tolerances, when they are not ONNX's runner's. */
  tolerance?: TolerancePolicy;
}

export interface RunSettings {
  test: RunTestOptions;
  jobs: number;
  timeoutMs: number;
  memoryMiB: number;
  inProcess: boolean;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/** Runs every case; `onResult` is called once per case, in completion order. */
export async function runTests(cases: readonly TestCase[], settings: RunSettings, onResult: (c: TestCase, r: TestResult) => void): Promise<void> {
  if (settings.inProcess) {
    const { runTestCase } = await import('./run-test.js');
    for (const c of cases) onResult(c, await runTestCase(c.dir, settings.test, undefined, c.tolerance));
    return;
  }
  const pool = new WorkerPool<TestJob, TestResult>({
    script: WORKER,
    args: [JSON.stringify(settings.test)],
    size: settings.jobs,
    timeoutMs: settings.timeoutMs,
    memoryMiB: settings.memoryMiB,
  });
  try {
    await Promise.all(cases.map(async (c) => {
      const o = await pool.run({ testDir: c.dir, ...(c.tolerance ? { tolerance: c.tolerance } : {}) });
      onResult(c, o.kind === 'done' ? o.result : {
        name: c.name,
        outcome: o.kind,
        message: o.message,
        ops: Array.isArray(o.note) ? (o.note as string[]) : [],
        ms: o.ms,
      });
    }));
  } finally {
    await pool.close();
  }
}
