// Entry point of a conformance worker process (forked by the pool, run through tsx): runs the
// test cases it is sent, one at a time, with the options given as JSON in argv[2].
import { selectProviders } from '../src/providers/select-providers.js';
import type { TolerancePolicy } from './compare.js';
import { runTestCase, type RunTestOptions, type TestResult } from './run-test.js';
import { serveJobs } from './worker-protocol.js';

export interface TestJob { testDir: string; tolerance?: TolerancePolicy }

const options = JSON.parse(process.argv[2] ?? '{}') as RunTestOptions;

await serveJobs<TestJob, TestResult>(
  (job, ctx) => runTestCase(job.testDir, options, (ops) => ctx.note(ops), job.tolerance),
  // an unknown provider would fail every test the same way: refuse it once, up front
  () => { if (options.provider) selectProviders([options.provider]); },
);
