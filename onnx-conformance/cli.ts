// npm run conformance -- [--suite node|simple|pytorch-converted|pytorch-operator|contrib|all] [--filter REGEX]
//   [--provider cpu|wasm|gpu] [--level ...] [--report out.md] [--json out.json] [--jobs N]
//   [--timeout-ms N] [--check-expected] [--update-expected]; see onnx-conformance/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { checkManifest, readManifest, updatedManifest, writeManifest } from './manifest.js';
import { type CliOptions, parseOptions, USAGE, UsageError } from './options.js';
import { closingLine, type RunReport, type SuiteReport, renderMarkdown, toJson } from './report.js';
import type { TestResult } from './run-test.js';
import { type TestCase, runTests } from './run-tests.js';
import { PoolStartError } from './worker-pool.js';
import {
  DATA_SUITES, findTestData, isSuiteName, listTestsIn, SUITE_TOLERANCE, SUITES, type SuiteName, suiteDirs,
} from './test-data.js';

const LIST_LIMIT = 50;

function options(): CliOptions {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

function printList(title: string, lines: string[]): void {
  console.log(title);
  for (const l of lines.slice(0, LIST_LIMIT)) console.log(`  ${l}`);
  if (lines.length > LIST_LIMIT) console.log(`  ... and ${lines.length - LIST_LIMIT} more (--report / --json list them all)`);
}

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`Wrote ${file}`);
}

/** A progress counter on an interactive terminal; nothing in CI logs. */
function progress(total: number): { tick(): void; clear(): void } {
  const tty = process.stderr.isTTY;
  let done = 0, last = 0;
  return {
    tick() {
      done++;
      const now = Date.now();
      if (tty && (now - last > 100 || done === total)) { process.stderr.write(`\r${done}/${total}`); last = now; }
    },
    clear() { if (tty) process.stderr.write('\r\x1b[K'); },
  };
}

const opts = options();
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}

const manifest = opts.checkExpected || opts.updateExpected ? readManifest(opts.manifest) : new Set<string>();
const manifestSuites = SUITES.filter((s) => [...manifest].some((id) => id.startsWith(`${s}/`)));
const suites: SuiteName[] = opts.suites ?? (opts.checkExpected && manifestSuites.length > 0 ? manifestSuites : ['node']);
const selected = (suite: string, name: string) => !opts.filter || opts.filter.test(name) || opts.filter.test(`${suite}/${name}`);

// The ONNX test data is looked for only when a suite of it is asked for; the repository's own
// suites (contrib) run without it.
const wantsData = suites.some((s) => DATA_SUITES.includes(s));
const discovery = wantsData ? findTestData() : { skipped: [] };
for (const note of discovery.skipped) console.log(`Test data: passed over ${note}`);
const data = discovery.found;
const dirs = suiteDirs(data);
if (wantsData && !data) {
  const banner = '!'.repeat(78);
  console.log([banner,
    'NO ONNX TEST DATA FOUND: not a single test of the ONNX suites was run.',
    'Set $ONNX_TEST_DATA, provide ../shared/onnx-tests, or apt-get install libonnx-testdata.',
    banner].join('\n'));
  if (!suites.some((s) => dirs.has(s))) {
    if (opts.checkExpected) {
      console.log('conformance: skipped: no data');
      process.exit(0);
    }
    process.exit(2);
  }
}
if (data) console.log(`Test data: ${data.root} (${data.source})`);

const cases: TestCase[] = [];
for (const suite of suites) {
  const dir = dirs.get(suite);
  if (!dir) {
    console.log(`Test data: no ${suite}/ folder${data && DATA_SUITES.includes(suite) ? ` in ${data.root}` : ''}; that suite is skipped`);
    continue;
  }
  if (!DATA_SUITES.includes(suite)) console.log(`Test data: ${suite} from ${path.relative(process.cwd(), dir) || '.'}`);
  const tolerance = SUITE_TOLERANCE[suite];
  for (const name of listTestsIn(dir)) {
    if (selected(suite, name)) cases.push({ suite, name, dir: path.join(dir, name), ...(tolerance ? { tolerance } : {}) });
  }
}
if (cases.length === 0) console.log('No test matched the suites and filter.');

const provider = opts.provider ?? 'cpu';
const level = opts.level ?? 'default';
const jobs = Math.min(opts.jobs, Math.max(1, cases.length));
console.log(`Running ${cases.length} tests (${suites.join(', ')}) on ${provider}, ` +
  (opts.inProcess ? 'in this process' : `${jobs} workers, ${opts.timeoutMs} ms and ${opts.memoryMiB} MiB per test`));

const startedAt = new Date();
const t0 = performance.now();
const ran = new Map<string, TestResult>();
const bar = progress(cases.length);
try {
  await runTests(cases, {
    // --provider cpu is the JavaScript reference here ('js' as a session option; 'cpu' there is wasm)
    test: { provider: opts.provider === 'cpu' ? 'js' : opts.provider, optimizationLevel: opts.level, maxTensorBytes: Math.floor(opts.memoryMiB / 2) * 2 ** 20 },
    jobs, timeoutMs: opts.timeoutMs, memoryMiB: opts.memoryMiB, inProcess: opts.inProcess,
  }, (c, r) => {
    ran.set(`${c.suite}/${c.name}`, r);
    if (opts.verbose || r.outcome !== 'pass') {
      bar.clear();
      console.log(`${r.outcome.padEnd(7)} ${c.suite}/${c.name}${r.message ? `  ${r.message}` : ''}`);
    }
    bar.tick();
  });
} catch (e) {
  bar.clear();
  if (!(e instanceof PoolStartError)) throw e;
  console.error(`Cannot run the tests: ${e.message}`);
  process.exit(2);
}
bar.clear();
const durationMs = performance.now() - t0;

const reports: SuiteReport[] = suites.map((suite) => ({
  suite,
  present: dirs.has(suite),
  results: [...ran].filter(([id]) => id.startsWith(`${suite}/`)).map(([, r]) => r).sort((a, b) => (a.name < b.name ? -1 : 1)),
}));

const report: RunReport = {
  dataRoot: data?.root ?? '(none)', dataSource: data?.source ?? 'no ONNX test data', provider, level, filter: opts.filter?.source,
  jobs: opts.inProcess ? 0 : jobs, timeoutMs: opts.timeoutMs, startedAt: startedAt.toISOString(), durationMs, suites: reports,
};

let exitCode = 0;
if (opts.checkExpected) {
  const check = checkManifest(manifest, ran, (id) => {
    const [suite, name] = [id.slice(0, id.indexOf('/')), id.slice(id.indexOf('/') + 1)];
    return isSuiteName(suite) && suites.includes(suite) && dirs.has(suite) && selected(suite, name);
  });
  report.manifest = check;
  if (manifest.size === 0) console.log(`Manifest ${opts.manifest} lists no tests: nothing to check.`);
  if (check.notFound.length > 0) {
    printList(`Warning: ${check.notFound.length} tests listed in the manifest are not in this test data (older data?):`, check.notFound);
  }
  if (check.newlyPassing.length > 0) {
    printList(`${check.newlyPassing.length} tests newly passing, add them with --update-expected:`, check.newlyPassing);
  }
  if (check.regressions.length > 0) {
    exitCode = 1;
    printList(`REGRESSIONS: ${check.regressions.length} tests listed in ${path.relative(process.cwd(), opts.manifest)} no longer pass:`,
      check.regressions.map(({ id, result }) => `${id}  ${result.outcome}${result.message ? `  ${result.message}` : ''}`));
  } else if (manifest.size > 0) {
    console.log(`Manifest check passed: every listed test that ran still passes.`);
  }
}
if (opts.updateExpected) {
  const next = updatedManifest(manifest, ran);
  const added = [...next].filter((id) => !manifest.has(id)).length;
  const removed = [...manifest].filter((id) => !next.has(id)).length;
  writeManifest(opts.manifest, next);
  console.log(`Updated ${opts.manifest}: ${added} added, ${removed} removed, ${next.size} listed.`);
}
if (opts.report) writeFile(opts.report, renderMarkdown(report));
if (opts.json) writeFile(opts.json, JSON.stringify(toJson(report), null, 1) + '\n');

console.log(`Ran ${ran.size} tests in ${(durationMs / 1000).toFixed(1)} s.`);
for (const s of reports) console.log(closingLine(s));
process.exit(exitCode);
