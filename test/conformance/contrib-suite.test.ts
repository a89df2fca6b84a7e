// The contrib suite (onnx-conformance/contrib/, written by scripts/make-contrib-cases.ts): it is
// found in the repository without any ONNX test data, its tolerance is applied, and a wrong
// reference fails.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Tensor } from '../../data/tensor.js';
import { decodeValueFile } from '../../graph/decode-value.js';
import { encodeTensor } from '../../graph/encode-model.js';
import { TensorProtoType } from '../../graph/proto/onnx-reflection.js';
import { readManifest } from '../../onnx-conformance/manifest.js';
import { DEFAULT_MANIFEST } from '../../onnx-conformance/options.js';
import { runTestCase } from '../../onnx-conformance/run-test.js';
import { listTestsIn, SUITE_TOLERANCE, suiteDirs } from '../../onnx-conformance/test-data.js';
import { repoPath } from '../data-paths.js';

const CASE = 'test_fastgelu_float32';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'contrib-suite-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of CASE whose reference output is multiplied by `factor` (and shifted by `shift`). */
function alteredCopy(name: string, factor: number, shift: number, tolerance?: { rtol: number; atol: number }): string {
  const dir = path.join(tmp, name);
  fs.cpSync(repoPath('onnx-conformance', 'contrib', CASE), dir, { recursive: true });
  const file = path.join(dir, 'test_data_set_0', 'output_0.pb');
  const ref = decodeValueFile(fs.readFileSync(file), 'tensor') as Tensor;
  const altered = new Tensor('float32', Float32Array.from(ref.data as Float32Array, (v) => v * factor + shift), ref.dims);
  fs.writeFileSync(file, TensorProtoType.encode(TensorProtoType.fromObject(encodeTensor(altered, 'Y'))).finish());
  if (tolerance) fs.writeFileSync(path.join(dir, 'tolerance.json'), JSON.stringify(tolerance));
  return dir;
}

describe('contrib conformance suite', () => {
  it('is found in the repository with no ONNX test data at all', () => {
    const dirs = suiteDirs(undefined);
    expect(dirs.get('contrib')).toBe(repoPath('onnx-conformance', 'contrib'));
    expect(dirs.has('node')).toBe(false);
    expect(listTestsIn(dirs.get('contrib')!)).toContain(CASE);
  });

  it('passes a reference within rtol 1e-3 / atol 1e-4 and fails one outside it', async () => {
    const close = await runTestCase(alteredCopy('test_close', 1, 5e-5), {}, undefined, SUITE_TOLERANCE.contrib);
    expect(close.outcome).toBe('pass');
    const wrong = await runTestCase(alteredCopy('test_wrong', 1.01, 0), {}, undefined, SUITE_TOLERANCE.contrib);
    expect(wrong.outcome).toBe('fail');
    expect(wrong.message).toMatch(/output 0 "Y".*rtol 0\.001, atol 0\.0001/);
  });

  it("takes a case's tolerance.json over the suite's", async () => {
    const loose = await runTestCase(alteredCopy('test_loose', 1.01, 0, { rtol: 0.05, atol: 0 }), {}, undefined, SUITE_TOLERANCE.contrib);
    expect(loose.outcome).toBe('pass');
  });

  // the suite is small enough for `npm test` to run it whole, in this process
  it('passes every contrib case the manifest lists', async () => {
    const listed = [...readManifest(DEFAULT_MANIFEST)].filter((id) => id.startsWith('contrib/')).map((id) => id.slice('contrib/'.length));
    expect(listed.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const name of listed) {
      const r = await runTestCase(repoPath('onnx-conformance', 'contrib', name), {}, undefined, SUITE_TOLERANCE.contrib);
      if (r.outcome !== 'pass') failures.push(`${name}: ${r.outcome} ${r.message ?? ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('runs from the CLI without looking for the ONNX test data', async () => {
    const env = { ...process.env, ONNX_TEST_DATA: path.join(tmp, 'no-such-data') };
    const { stdout } = await promisify(execFile)(process.execPath,
      ['--import', 'tsx', repoPath('onnx-conformance', 'cli.ts'), '--suite', 'contrib', '--filter', `^${CASE}$`, '--jobs', '1'], { cwd: repoPath(), env });
    expect(stdout).not.toMatch(/NO ONNX TEST DATA/);
    expect(stdout).toMatch(/^contrib: 1 passed, 0 failed, 0 errors, 0 timed out, 0 crashed \(of 1\)$/m);
  });
});
