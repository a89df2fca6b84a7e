// Finds the ONNX backend test data, lists its test cases and reads one case's data sets.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeValueFile, type ValueFileKind } from '../graph/decode-value.js';
import type { ValueType } from '../graph/ir.js';
import { type OnnxValue, Tensor } from '../data/tensor.js';

export const SUITES = ['node', 'simple', 'pytorch-converted', 'pytorch-operator'] as const;
export type SuiteName = (typeof SUITES)[number];

export function isSuiteName(s: string): s is SuiteName {
  return (SUITES as readonly string[]).includes(s);
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface DataCandidate { dir: string | undefined; source: string }

export interface DataLocation {
  root: string;
  source: string;
  /** The suites that have a folder under root (others are skipped with a note). */
  suites: SuiteName[];
}

export interface Discovery {
  found?: DataLocation;
  /** One line per candidate that was looked at and passed over, saying why. */
  skipped: string[];
}

/** Where the data may be, in order of preference. */
export function dataCandidates(env: NodeJS.ProcessEnv = process.env, repoRoot = REPO_ROOT): DataCandidate[] {
  return [
    { dir: env.ONNX_TEST_DATA || undefined, source: '$ONNX_TEST_DATA' },
    { dir: path.resolve(repoRoot, '..', 'shared', 'onnx-tests'), source: '../shared/onnx-tests' },
    { dir: '/usr/share/libonnx-testdata/data', source: "Debian's libonnx-testdata (ONNX 1.12)" },
  ];
}

function suitesIn(dir: string): SuiteName[] {
  return SUITES.filter((s) => fs.existsSync(path.join(dir, s)) && fs.statSync(path.join(dir, s)).isDirectory());
}

/** The first candidate holding at least one suite folder (node/, simple/, ...). */
export function findTestData(candidates: DataCandidate[] = dataCandidates()): Discovery {
  const skipped: string[] = [];
  for (const { dir, source } of candidates) {
    if (!dir) continue;
    if (!fs.existsSync(dir)) {
      skipped.push(`${source} (${dir}): does not exist`);
      continue;
    }
    const suites = suitesIn(dir);
    if (suites.length > 0) return { found: { root: dir, source, suites }, skipped };
    skipped.push(`${source} (${dir}): has none of ${SUITES.map((s) => `${s}/`).join(', ')}`);
  }
  return { skipped };
}

/** Test case folders (those holding a model.onnx) of a suite, sorted; [] if the suite is absent. */
export function listTests(root: string, suite: SuiteName): string[] {
  const dir = path.join(root, suite);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'model.onnx'))).sort();
}

export interface DataSet { name: string; inputs: OnnxValue[]; outputs: OnnxValue[] }

export function kindOf(t: ValueType | undefined): ValueFileKind {
  if (!t) return 'tensor';
  if (t.kind === 'sequence') return 'sequence';
  if (t.kind === 'optional') return 'optional';
  if (t.kind === 'map') return 'map';
  return 'tensor';
}

function numberedFiles(dir: string, prefix: string): string[] {
  const index = (f: string) => Number(f.slice(prefix.length, -'.pb'.length));
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.pb') && Number.isInteger(index(f)))
    .sort((a, b) => index(a) - index(b));
}

/**
 * Older ONNX releases (Debian's 1.12 data among them) wrote bfloat16 test tensors with
 * data_type UINT16 holding the bfloat16 bit patterns, since numpy has no bfloat16. Where the
 * model declares the value as bfloat16 and the file says uint16, the bits are read as bfloat16;
 * a uint16 value the model declares as uint16 is left alone. Applies inside sequences and
 * optionals too.
 */
export function applyDeclaredBfloat16(value: OnnxValue, type: ValueType | undefined): OnnxValue {
  if (!type) return value;
  if (type.kind === 'tensor') {
    return type.elemType === 'bfloat16' && value instanceof Tensor && value.type === 'uint16'
      ? new Tensor('bfloat16', value.data as Uint16Array, value.dims)
      : value;
  }
  if (type.kind === 'sequence' && Array.isArray(value)) return value.map((v) => applyDeclaredBfloat16(v, type.elem));
  if (type.kind === 'optional' && value !== null) return applyDeclaredBfloat16(value, type.elem);
  return value;
}

/**
 * The test_data_set_N folders of a test, decoded. The file kind (tensor, sequence, optional,
 * map) comes from the declared type of the graph input/output at the same position.
 */
export function readDataSets(testDir: string, inputTypes: (ValueType | undefined)[], outputTypes: (ValueType | undefined)[]): DataSet[] {
  const sets = fs.readdirSync(testDir).filter((d) => d.startsWith('test_data_set_'))
    .sort((a, b) => Number(a.slice('test_data_set_'.length)) - Number(b.slice('test_data_set_'.length)));
  return sets.map((s) => {
    const dir = path.join(testDir, s);
    const read = (prefix: string, types: (ValueType | undefined)[]) =>
      numberedFiles(dir, prefix).map((f, i) =>
        applyDeclaredBfloat16(decodeValueFile(fs.readFileSync(path.join(dir, f)), kindOf(types[i])), types[i]));
    return { name: s, inputs: read('input_', inputTypes), outputs: read('output_', outputTypes) };
  });
}
