// Summaries of a conformance run: per-suite counts, failures grouped by op, as console
// lines, markdown and JSON.
import type { ManifestCheck } from './manifest.js';
import { OUTCOMES, type Outcome, type TestResult } from './run-test.js';
import type { SuiteName } from './test-data.js';

export interface SuiteReport {
  suite: SuiteName;
  /** False when the data has no folder for this suite. */
  present: boolean;
  /** Sorted by test name. */
  results: TestResult[];
}

export interface RunReport {
  dataRoot: string;
  dataSource: string;
  provider: string;
  level: string;
  filter?: string;
  jobs: number;
  timeoutMs: number;
  startedAt: string;
  durationMs: number;
  suites: SuiteReport[];
  manifest?: ManifestCheck;
}

export type Counts = Record<Outcome, number> & { total: number };

export function countOutcomes(results: readonly TestResult[]): Counts {
  const c = { pass: 0, fail: 0, error: 0, timeout: 0, crash: 0, total: results.length };
  for (const r of results) c[r.outcome]++;
  return c;
}

/** `<suite>: N passed, N failed, N errors, N timed out, N crashed (of N)`: the line CI greps. */
export function closingLine(s: SuiteReport): string {
  const c = countOutcomes(s.results);
  const tail = s.present ? `of ${c.total}` : 'suite not in the test data';
  return `${s.suite}: ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.timeout} timed out, ${c.crash} crashed (${tail})`;
}

export interface OpGroup { ops: string; tests: TestResult[] }

/**
 * Non-passing tests grouped by op, largest group first: the op the error names when it names
 * one, else the op types in the model ("Conv", or "Add + Mul" for a model using both).
 */
export function groupFailuresByOp(results: readonly TestResult[]): OpGroup[] {
  const groups = new Map<string, TestResult[]>();
  for (const r of results) {
    if (r.outcome === 'pass') continue;
    const key = r.failedOp ?? (r.ops.length > 0 ? r.ops.join(' + ') : '(op types unknown: the model did not load)');
    const list = groups.get(key);
    if (list) list.push(r); else groups.set(key, [r]);
  }
  return [...groups].map(([ops, tests]) => ({ ops, tests }))
    .sort((a, b) => b.tests.length - a.tests.length || (a.ops < b.ops ? -1 : 1));
}

export interface OpCount { ops: string; passed: number; total: number }

/** Suites of small per-op cases, whose report also tabulates every op's passes (not just failures). */
const PER_OP_SUITES: ReadonlySet<SuiteName> = new Set(['contrib']);

/** Every test counted under the op types of its model ("com.microsoft.FastGelu"), sorted by op. */
export function countByOp(results: readonly TestResult[]): OpCount[] {
  const counts = new Map<string, OpCount>();
  for (const r of results) {
    const ops = r.ops.length > 0 ? r.ops.join(' + ') : '(op types unknown: the model did not load)';
    const c = counts.get(ops) ?? { ops, passed: 0, total: 0 };
    c.total++;
    if (r.outcome === 'pass') c.passed++;
    counts.set(ops, c);
  }
  return [...counts.values()].sort((a, b) => (a.ops < b.ops ? -1 : a.ops > b.ops ? 1 : 0));
}

const SLOWEST = 10;

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderMarkdown(r: RunReport): string {
  const out: string[] = [
    '# ONNX conformance report', '',
    `- Data: \`${r.dataRoot}\` (${r.dataSource})`,
    `- Provider: ${r.provider}; graph optimization level: ${r.level}${r.filter ? `; filter: \`${cell(r.filter)}\`` : ''}`,
    `- ${r.startedAt}, ${(r.durationMs / 1000).toFixed(1)} s with ${r.jobs} workers, ${r.timeoutMs} ms per-test limit`, '',
    `| suite | ${OUTCOMES.join(' | ')} | total |`,
    `|---|${OUTCOMES.map(() => '--:').join('|')}|--:|`,
  ];
  for (const s of r.suites) {
    const c = countOutcomes(s.results);
    out.push(`| ${s.suite}${s.present ? '' : ' (absent)'} | ${OUTCOMES.map((o) => c[o]).join(' | ')} | ${c.total} |`);
  }
  if (r.manifest) {
    const m = r.manifest;
    out.push('', '## Manifest check', '', `${m.regressions.length} listed tests no longer pass; ${m.newlyPassing.length} pass but are not listed; ${m.notFound.length} listed tests are not in the data.`);
    if (m.regressions.length > 0) {
      out.push('', '| test | outcome | first error line |', '|---|---|---|');
      for (const { id, result } of m.regressions) out.push(`| ${id} | ${result.outcome} | ${cell(result.message)} |`);
    }
  }
  const slowest = r.suites.flatMap((s) => s.results.map((t) => ({ id: `${s.suite}/${t.name}`, t })))
    .sort((a, b) => b.t.ms - a.t.ms).slice(0, SLOWEST);
  if (slowest.length > 0) {
    out.push('', `## Slowest ${slowest.length} tests`, '', '| test | outcome | ms |', '|---|---|--:|');
    for (const { id, t } of slowest) out.push(`| ${id} | ${t.outcome} | ${t.ms} |`);
  }
  for (const s of r.suites) {
    if (!PER_OP_SUITES.has(s.suite) || s.results.length === 0) continue;
    out.push('', `## ${s.suite}: results by op`, '', '| op | passed | of |', '|---|--:|--:|');
    for (const c of countByOp(s.results)) out.push(`| ${cell(c.ops)} | ${c.passed} | ${c.total} |`);
  }
  for (const s of r.suites) {
    const groups = groupFailuresByOp(s.results);
    if (groups.length === 0) continue;
    out.push('', `## ${s.suite}: failures by op`, '', '| op | failing |', '|---|--:|');
    for (const g of groups) out.push(`| ${cell(g.ops)} | ${g.tests.length} |`);
    for (const g of groups) {
      out.push('', `### ${cell(g.ops)} (${g.tests.length})`, '', '| test | outcome | first error line |', '|---|---|---|');
      for (const t of g.tests) out.push(`| ${t.name} | ${t.outcome} | ${cell(t.message)} |`);
    }
  }
  return out.join('\n') + '\n';
}

export function toJson(r: RunReport): unknown {
  return {
    data: { root: r.dataRoot, source: r.dataSource },
    provider: r.provider,
    level: r.level,
    filter: r.filter ?? null,
    jobs: r.jobs,
    timeoutMs: r.timeoutMs,
    startedAt: r.startedAt,
    durationMs: Math.round(r.durationMs),
    suites: Object.fromEntries(r.suites.map((s) => [s.suite, {
      present: s.present,
      counts: countOutcomes(s.results),
      failuresByOp: groupFailuresByOp(s.results).map((g) => ({ ops: g.ops, tests: g.tests.map((t) => t.name) })),
      ...(PER_OP_SUITES.has(s.suite) ? { byOp: countByOp(s.results) } : {}),
      tests: s.results,
    }])),
    manifest: r.manifest ?? null,
  };
}
