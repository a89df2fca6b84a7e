// Finds the ONNX backend test data, lists its test cases and reads one case's data sets.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TolerancePolicy } from './compare.js';
import { decodeValueFile, type ValueFileKind } from '../graph/decode-value.js';
import type { ValueType } from '../graph/ir.js';
import { type OnnxValue, Tensor } from '../data/tensor.js';

/** Suites read from the ONNX test data (found below), then suites whose data is in this repository. */
export const SUITES = ['node', 'simple', 'pytorch-converted', 'pytorch-operator', 'contrib'] as const;
export type SuiteName = (typeof SUITES)[number];

/** The suites the ONNX test data provides, each a folder under its root. */
export const DATA_SUITES: readonly SuiteName[] = ['node', 'simple', 'pytorch-converted', 'pytorch-operator'];

export function isSuiteName(s: string): s is SuiteName {
  return (SUITES as readonly string[]).includes(s);
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Suites committed in this repository, available wherever the repository is: `contrib`, the
 * com.microsoft ops with onnxruntime's outputs as references (scripts/make-contrib-cases.ts).
 */
export function repoSuiteDirs(repoRoot = REPO_ROOT): Partial<Record<SuiteName, string>> {
  return { contrib: path.join(repoRoot, 'onnx-conformance', 'contrib') };
}

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
  return DATA_SUITES.filter((s) => fs.existsSync(path.join(dir, s)) && fs.statSync(path.join(dir, s)).isDirectory());
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
    skipped.push(`${source} (${dir}): has none of ${DATA_SUITES.map((s) => `${s}/`).join(', ')}`);
  }
  return { skipped };
}

/**
 * Suites compared with other tolerances than ONNX's runner uses. contrib's references come
 * from onnxruntime, whose kernels approximate (erf, exp, fused multiply-adds, float16
 * accumulation) differently from ours; ONNX's atol of 1e-7 would test rounding, not semantics.
 */
export const SUITE_TOLERANCE: Partial<Record<SuiteName, TolerancePolicy>> = {
  contrib: { default: { rtol: 1e-3, atol: 1e-4 }, float16: { rtol: 1e-2, atol: 1e-2 } },
};

/** A case's own tolerance (tolerance.json in its folder: {"rtol": R, "atol": A}), when it has one. */
export function readCaseTolerance(testDir: string): TolerancePolicy | undefined {
  const file = path.join(testDir, 'tolerance.json');
  if (!fs.existsSync(file)) return undefined;
  const t = JSON.parse(fs.readFileSync(file, 'utf8')) as { rtol?: unknown; atol?: unknown };
  if (typeof t.rtol !== 'number' || typeof t.atol !== 'number') throw new Error(`${file}: needs numbers "rtol" and "atol"`);
  return { default: { rtol: t.rtol, atol: t.atol } };
}

/**
 * The folder of each suite that can run: the data suites under the found data root (when
 * there is one), and the repository's own suites, found with or without that data.
 */
export function suiteDirs(found: DataLocation | undefined, repoRoot = REPO_ROOT): Map<SuiteName, string> {
  const dirs = new Map<SuiteName, string>();
  for (const s of found?.suites ?? []) dirs.set(s, path.join(found!.root, s));
  for (const [s, dir] of Object.entries(repoSuiteDirs(repoRoot)) as [SuiteName, string][]) {
    if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) dirs.set(s, dir);
  }
  return dirs;
}

/** Test case folders (those holding a model.onnx) in a suite folder, sorted; [] if it is absent. */
export function listTestsIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'model.onnx'))).sort();
}

/** Test case folders of a data suite under root, sorted; [] if the suite is absent. */
export function listTests(root: string, suite: SuiteName): string[] {
  return listTestsIn(path.join(root, suite));
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
