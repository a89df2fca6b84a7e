import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeclaredBfloat16, dataCandidates, findTestData, listTests } from '../../onnx-conformance/test-data.js';
import { Tensor } from '../../data/tensor.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-conformance-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fake data root holding the given suite folders, each with one test case. */
function dataRoot(name: string, suites: string[]): string {
  const root = path.join(tmp, name);
  for (const s of suites) {
    fs.mkdirSync(path.join(root, s, 'test_b'), { recursive: true });
    fs.writeFileSync(path.join(root, s, 'test_b', 'model.onnx'), '');
    fs.mkdirSync(path.join(root, s, 'test_a'), { recursive: true });
    fs.writeFileSync(path.join(root, s, 'test_a', 'model.onnx'), '');
    fs.mkdirSync(path.join(root, s, 'not_a_test'), { recursive: true });
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

describe('data-path discovery', () => {
  it('looks at $ONNX_TEST_DATA, then ../shared/onnx-tests, then Debian\'s libonnx-testdata', () => {
    const c = dataCandidates({ ONNX_TEST_DATA: '/data/x' }, '/work/repo');
    expect(c.map((x) => x.dir)).toEqual(['/data/x', '/work/shared/onnx-tests', '/usr/share/libonnx-testdata/data']);
    expect(c[0].source).toBe('$ONNX_TEST_DATA');
    expect(dataCandidates({}, '/work/repo')[0].dir).toBeUndefined();
    expect(dataCandidates({ ONNX_TEST_DATA: '' }, '/work/repo')[0].dir).toBeUndefined();
  });

  it('takes the first candidate that holds a suite folder', () => {
    const first = dataRoot('first', ['node']);
    const second = dataRoot('second', ['node', 'simple']);
    const d = findTestData([{ dir: first, source: 'A' }, { dir: second, source: 'B' }]);
    expect(d.found).toEqual({ root: first, source: 'A', suites: ['node'] });
    expect(d.skipped).toEqual([]);
  });

  it('passes over missing folders and folders without suites, saying why', () => {
    const empty = dataRoot('empty', []);
    const debianLike = dataRoot('debian', ['node', 'pytorch-converted']);
    const d = findTestData([
      { dir: undefined, source: 'unset' },
      { dir: path.join(tmp, 'missing'), source: 'M' },
      { dir: empty, source: 'E' },
      { dir: debianLike, source: 'D' },
    ]);
    expect(d.found).toEqual({ root: debianLike, source: 'D', suites: ['node', 'pytorch-converted'] });
    expect(d.skipped).toHaveLength(2);
    expect(d.skipped[0]).toMatch(/^M .*does not exist/);
    expect(d.skipped[1]).toMatch(/^E .*has none of node\/, simple\//);
  });

  it('finds nothing when no candidate has data', () => {
    const d = findTestData([{ dir: path.join(tmp, 'nowhere'), source: 'N' }]);
    expect(d.found).toBeUndefined();
    expect(d.skipped).toHaveLength(1);
  });

  it('lists the test folders of a suite (those with a model.onnx), sorted; none for an absent suite', () => {
    const root = dataRoot('listing', ['simple']);
    expect(listTests(root, 'simple')).toEqual(['test_a', 'test_b']);
    expect(listTests(root, 'node')).toEqual([]);
  });
});

describe('older data conventions', () => {
  const bits = () => new Tensor('uint16', Uint16Array.of(0x3f80, 0xc000), [2]);
  const bf16 = { kind: 'tensor', elemType: 'bfloat16' } as const;

  it('reads a uint16 tensor as bfloat16 (same bits) where the model declares bfloat16', () => {
    const t = applyDeclaredBfloat16(bits(), bf16) as Tensor;
    expect(t.type).toBe('bfloat16');
    expect(Array.from(t.data as Uint16Array)).toEqual([0x3f80, 0xc000]);
    expect(t.dims).toEqual([2]);
    const seq = applyDeclaredBfloat16([bits()], { kind: 'sequence', elem: bf16 }) as Tensor[];
    expect(seq[0].type).toBe('bfloat16');
  });

  it('leaves uint16 alone where the model declares uint16, or declares nothing', () => {
    expect((applyDeclaredBfloat16(bits(), { kind: 'tensor', elemType: 'uint16' }) as Tensor).type).toBe('uint16');
    expect((applyDeclaredBfloat16(bits(), undefined) as Tensor).type).toBe('uint16');
  });
});
