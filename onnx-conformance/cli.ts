// npm run conformance -- [--suite node|...|all] [--filter REGEX] [--provider cpu] [--verbose]
// Minimal in-process runner; see onnx-conformance/README for the full options.
import path from 'node:path';
import { runTestCase, type TestResult } from './run-test.js';
import { findTestData, listTests, SUITES, type SuiteName } from './test-data.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = findTestData();
if (!data) {
  console.error('No ONNX test data found: set $ONNX_TEST_DATA, or provide ../shared/onnx-tests, or apt-get install libonnx-testdata');
  process.exit(2);
}
console.log(`Test data: ${data.root} (${data.source})`);
const suiteArg = opt('suite') ?? 'node';
const suites: SuiteName[] = suiteArg === 'all' ? [...SUITES] : [suiteArg as SuiteName];
const filter = opt('filter') ? new RegExp(opt('filter')!) : undefined;
const verbose = args.includes('--verbose');
for (const suite of suites) {
  const tests = listTests(data.root, suite).filter((t) => !filter || filter.test(t));
  const results: TestResult[] = [];
  for (const t of tests) {
    const r = await runTestCase(path.join(data.root, suite, t), { provider: opt('provider') });
    results.push(r);
    if (verbose || r.outcome !== 'pass') console.log(`${r.outcome.padEnd(7)} ${t}${r.message ? `  ${r.message}` : ''}`);
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  console.log(`${suite}: ${count('pass')} passed, ${count('fail')} failed, ${count('error')} errors of ${results.length}`);
}
