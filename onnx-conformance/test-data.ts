// Finds the ONNX backend test data and reads one test case (model + data sets).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeValueFile, type ValueFileKind } from '../graph/decode-value.js';
import type { ValueType } from '../graph/ir.js';
import type { OnnxValue } from '../src/data/tensor.js';

export const SUITES = ['node', 'simple', 'pytorch-converted', 'pytorch-operator'] as const;
export type SuiteName = (typeof SUITES)[number];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the data comes from, in order: $ONNX_TEST_DATA, ../shared/onnx-tests, Debian's libonnx-testdata. */
export function findTestData(): { root: string; source: string } | undefined {
  const candidates: [string | undefined, string][] = [
    [process.env.ONNX_TEST_DATA, '$ONNX_TEST_DATA'],
    [path.resolve(repoRoot, '..', 'shared', 'onnx-tests'), '../shared/onnx-tests'],
    ['/usr/share/libonnx-testdata/data', "Debian's libonnx-testdata"],
  ];
  for (const [dir, source] of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'node'))) return { root: dir, source };
  }
  return undefined;
}

export function listTests(root: string, suite: SuiteName): string[] {
  const dir = path.join(root, suite);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'model.onnx'))).sort();
}

export interface DataSet { inputs: OnnxValue[]; outputs: OnnxValue[] }

export function kindOf(t: ValueType | undefined): ValueFileKind {
  if (!t) return 'tensor';
  if (t.kind === 'sequence') return 'sequence';
  if (t.kind === 'optional') return 'optional';
  if (t.kind === 'map') return 'map';
  return 'tensor';
}

export function readDataSets(testDir: string, inputTypes: (ValueType | undefined)[], outputTypes: (ValueType | undefined)[]): DataSet[] {
  const sets = fs.readdirSync(testDir).filter((d) => d.startsWith('test_data_set_')).sort();
  return sets.map((s) => {
    const dir = path.join(testDir, s);
    const read = (prefix: string, types: (ValueType | undefined)[]) => {
      const files = fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.pb'))
        .sort((a, b) => Number(a.slice(prefix.length, -3)) - Number(b.slice(prefix.length, -3)));
      return files.map((f, i) => decodeValueFile(fs.readFileSync(path.join(dir, f)), kindOf(types[i])));
    };
    return { inputs: read('input_', inputTypes), outputs: read('output_', outputTypes) };
  });
}
