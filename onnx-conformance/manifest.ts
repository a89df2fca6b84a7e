// The expectations manifest (expected-pass.txt): one `suite/test_name` per line, the tests
// that pass today. The CI gate fails when one of them stops passing.
import fs from 'node:fs';
import type { TestResult } from './run-test.js';

const HEADER = `# ONNX conformance tests that pass today, one suite/test_name per line.
# \`npm run conformance:ci\` fails when one of them stops passing. Regenerate the entries
# of the suites you ran with: npm run conformance -- --suite all --update-expected
`;

/** The ids in a manifest file; an absent file is an empty manifest. */
export function readManifest(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  return new Set(fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

export function writeManifest(file: string, ids: Iterable<string>): void {
  fs.writeFileSync(file, HEADER + [...ids].sort().map((id) => `${id}\n`).join(''));
}

export interface ManifestCheck {
  /** Listed, ran, and did not pass. */
  regressions: { id: string; result: TestResult }[];
  /** Passed but not listed. */
  newlyPassing: string[];
  /** Listed and selected by this run's suites and filter, but absent from the test data. */
  notFound: string[];
}

/**
 * `ran` maps `suite/name` to the result of every test that ran; `selected` says whether an id
 * was within this run's suites and filter (a listed test outside them is not checked).
 */
export function checkManifest(expected: ReadonlySet<string>, ran: ReadonlyMap<string, TestResult>, selected: (id: string) => boolean): ManifestCheck {
  const check: ManifestCheck = { regressions: [], newlyPassing: [], notFound: [] };
  for (const id of [...expected].sort()) {
    const result = ran.get(id);
    if (result) {
      if (result.outcome !== 'pass') check.regressions.push({ id, result });
    } else if (selected(id)) {
      check.notFound.push(id);
    }
  }
  for (const [id, r] of [...ran].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (r.outcome === 'pass' && !expected.has(id)) check.newlyPassing.push(id);
  }
  return check;
}

/** The manifest after a run: entries of tests that ran follow this run; all others stay. */
export function updatedManifest(expected: ReadonlySet<string>, ran: ReadonlyMap<string, TestResult>): Set<string> {
  const out = new Set([...expected].filter((id) => !ran.has(id)));
  for (const [id, r] of ran) if (r.outcome === 'pass') out.add(id);
  return out;
}
