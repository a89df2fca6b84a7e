// End to end: the conformance CLI on a small data folder made from copies of real test cases.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findTestData } from '../../onnx-conformance/test-data.js';
import { repoPath } from '../data-paths.js';

const data = findTestData().found;
const source = data && path.join(data.root, 'node', 'test_relu');
const haveData = !!source && fs.existsSync(source) && fs.existsSync(path.join(data.root, 'node', 'test_abs'));
if (!haveData) console.warn('SKIP: conformance CLI tests need the ONNX test data (node/test_relu, node/test_abs)');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** node/: test_relu (passes), test_relu_wrong (expects Abs's output: fails), test_broken (unreadable model: error). */
function makeData(): string {
  const root = path.join(tmp, 'data');
  if (fs.existsSync(root)) return root;
  const node = path.join(root, 'node');
  fs.cpSync(source!, path.join(node, 'test_relu'), { recursive: true });
  fs.cpSync(source!, path.join(node, 'test_relu_wrong'), { recursive: true });
  const abs = path.join(data!.root, 'node', 'test_abs', 'test_data_set_0', 'output_0.pb');
  fs.copyFileSync(abs, path.join(node, 'test_relu_wrong', 'test_data_set_0', 'output_0.pb'));
  fs.cpSync(source!, path.join(node, 'test_broken'), { recursive: true });
  fs.writeFileSync(path.join(node, 'test_broken', 'model.onnx'), Uint8Array.from([0xff, 0xff, 0xff]));
  return root;
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, ONNX_TEST_DATA: makeData() };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', repoPath('onnx-conformance', 'cli.ts'), '--jobs', '1', ...args], { cwd: repoPath(), env });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe.runIf(haveData)('conformance CLI', () => {
  it('runs the tests in workers and reports counts, groups and JSON', async () => {
    const json = path.join(tmp, 'out', 'r.json'), md = path.join(tmp, 'out', 'r.md');
    const { code, out } = await cli(['--json', json, '--report', md]);
    expect(code).toBe(0);
    expect(out).toContain(`Test data: ${path.join(tmp, 'data')} ($ONNX_TEST_DATA)`);
    expect(out).toMatch(/^node: 1 passed, 1 failed, 1 errors, 0 timed out, 0 crashed \(of 3\)$/m);
    expect(out).toMatch(/^fail +node\/test_relu_wrong {2}test_data_set_0 output 0 "y"/m);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(report.suites.node.counts).toEqual({ pass: 1, fail: 1, error: 1, timeout: 0, crash: 0, total: 3 });
    expect(report.suites.node.failuresByOp).toContainEqual({ ops: 'Relu', tests: ['test_relu_wrong'] });
    expect(report.suites.simple).toBeUndefined();
    expect(fs.readFileSync(md, 'utf8')).toMatch(/### Relu \(1\)/);
  });

  it('--check-expected fails on a listed test that no longer passes and names it', async () => {
    const manifest = path.join(tmp, 'expected-regression.txt');
    fs.writeFileSync(manifest, 'node/test_relu\nnode/test_relu_wrong\n');
    const { code, out } = await cli(['--check-expected', '--manifest', manifest]);
    expect(code).toBe(1);
    expect(out).toMatch(/REGRESSIONS: 1 tests listed .* no longer pass:\n {2}node\/test_relu_wrong {2}fail/);
  });

  it('--check-expected passes when listed tests pass, and points at new passes', async () => {
    const manifest = path.join(tmp, 'expected-ok.txt');
    fs.writeFileSync(manifest, '# comment\nnode/test_relu_wrong_not_in_data\n');
    const ok = await cli(['--check-expected', '--manifest', manifest]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/1 tests newly passing, add them with --update-expected:\n {2}node\/test_relu\n/);
    expect(ok.out).toMatch(/1 tests listed in the manifest are not in this test data/);
  });

  it('--update-expected rewrites the entries of the suites that ran', async () => {
    const manifest = path.join(tmp, 'expected-update.txt');
    fs.writeFileSync(manifest, 'node/test_relu_wrong\nsimple/test_other\n');
    const { code } = await cli(['--update-expected', '--manifest', manifest]);
    expect(code).toBe(0);
    expect(fs.readFileSync(manifest, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['node/test_relu', 'simple/test_other']);
  });

  it('refuses an unknown option with the usage text', async () => {
    const { code, out } = await cli(['--suite', 'nodes']);
    expect(code).toBe(2);
    expect(out).toMatch(/--suite must be all or one of/);
    expect(out).toMatch(/Usage: npm run conformance/);
  });
});
