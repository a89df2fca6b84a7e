import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest, readManifest, updatedManifest, writeManifest } from '../../onnx-conformance/manifest.js';
import type { Outcome, TestResult } from '../../onnx-conformance/run-test.js';

const result = (name: string, outcome: Outcome): TestResult => ({ name, outcome, ops: [], ms: 1, ...(outcome === 'pass' ? {} : { message: 'why' }) });
const ran = (entries: [string, Outcome][]) => new Map(entries.map(([id, o]) => [id, result(id.split('/')[1], o)]));

describe('expectations manifest', () => {
  it('reads ids, skipping comments and blank lines; a missing file is empty', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-')), 'expected.txt');
    expect(readManifest(file).size).toBe(0);
    writeManifest(file, ['node/test_b', 'node/test_a']);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /);
    expect(text.trim().split('\n').filter((l) => !l.startsWith('#'))).toEqual(['node/test_a', 'node/test_b']);
    fs.appendFileSync(file, '\n  \n# note\nsimple/test_c  \n');
    expect([...readManifest(file)]).toEqual(['node/test_a', 'node/test_b', 'simple/test_c']);
  });

  it('reports listed tests that no longer pass, new passes, and listed tests missing from the data', () => {
    const expected = new Set(['node/a', 'node/b', 'node/c', 'node/gone', 'simple/x']);
    const check = checkManifest(expected, ran([['node/a', 'pass'], ['node/b', 'fail'], ['node/c', 'timeout'], ['node/new', 'pass'], ['node/bad', 'error']]),
      (id) => id.startsWith('node/'));
    expect(check.regressions.map((r) => [r.id, r.result.outcome])).toEqual([['node/b', 'fail'], ['node/c', 'timeout']]);
    expect(check.newlyPassing).toEqual(['node/new']);
    // simple/x was outside this run's selection: neither a regression nor missing
    expect(check.notFound).toEqual(['node/gone']);
  });

  it('updates only the entries of tests that ran', () => {
    const expected = new Set(['node/a', 'node/b', 'simple/x', 'node/not-run']);
    const next = updatedManifest(expected, ran([['node/a', 'pass'], ['node/b', 'crash'], ['node/new', 'pass'], ['node/never', 'fail']]));
    expect([...next].sort()).toEqual(['node/a', 'node/new', 'node/not-run', 'simple/x']);
  });
});
