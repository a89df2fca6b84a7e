// Writes the contrib conformance suite (onnx-conformance/contrib/): each case of
// scripts/contrib-cases/*-cases.ts is encoded, run on onnxruntime-node (CPU EP, graph
// optimizations off so ORT runs the op itself rather than a rewrite of it), and written in the
// ONNX backend-test layout: <name>/model.onnx, <name>/test_data_set_0/{input,output}_K.pb, and
// <name>/tolerance.json where the case sets its own tolerance.
// Cases ORT refuses (session creation or run fails) are listed in contrib/ort-refused.json.
// Only the folders of the cases that match --filter are rewritten; the others stay.
//
// Run: npx tsx scripts/make-contrib-cases.ts [--filter REGEX]
// Needs bench/reference installed (ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install --prefix bench/reference).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DataType } from '../data/dtype.js';
import { Tensor } from '../data/tensor.js';
import { encodeModel, encodeTensor } from '../graph/encode-model.js';
import { TensorProtoType } from '../graph/proto/onnx-reflection.js';
import type { ContribCase } from './contrib-cases/contrib-case.js';
import { cases as attentionCases } from './contrib-cases/attention-cases.js';
import { cases as layerCases } from './contrib-cases/layer-cases.js';
import { cases as quantizedCases } from './contrib-cases/quantized-cases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUITE_DIR = path.join(ROOT, 'onnx-conformance', 'contrib');
const REFUSED_FILE = path.join(SUITE_DIR, 'ort-refused.json');

/** The slice of onnxruntime-node's API this script uses. */
interface OrtTensor { type: string; data: ArrayLike<unknown>; dims: readonly number[] }
interface OrtSession {
  outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array, options: object): Promise<OrtSession> };
}

export interface RefusedCase { name: string; op: string; error: string }

function loadOrt(): Ort {
  try {
    return createRequire(path.join(ROOT, 'bench', 'reference', 'package.json'))('onnxruntime-node') as Ort;
  } catch (e) {
    console.error('onnxruntime-node is not installed: ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install --prefix bench/reference');
    throw e;
  }
}

function toOrt(ort: Ort, t: Tensor): OrtTensor {
  return new ort.Tensor(t.type, t.data, t.dims);
}

/** ORT names the same element types as we do; its arrays may be views of its own memory, so copy. */
function fromOrt(t: OrtTensor): Tensor {
  const data = t.data as unknown as { slice(): unknown };
  return new Tensor(t.type as DataType, data.slice() as Tensor['data'], [...t.dims]);
}

function writeTensor(file: string, t: Tensor, name: string): void {
  fs.writeFileSync(file, TensorProtoType.encode(TensorProtoType.fromObject(encodeTensor(t, name))).finish());
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
}

function checkCase(c: ContribCase): void {
  if (!/^test_[a-z0-9_]+$/.test(c.name)) throw new Error(`case name "${c.name}" is not test_<lower_snake_case>`);
  const g = c.model.graph;
  const fed = g.inputs.filter((i) => !g.initializers.has(i.name));
  if (fed.length !== c.inputs.length) {
    throw new Error(`case ${c.name}: the graph has ${fed.length} inputs to feed, the case gives ${c.inputs.length}`);
  }
}

type Outcome = { kind: 'written' } | { kind: 'refused'; error: string };

async function generate(ort: Ort, c: ContribCase): Promise<Outcome> {
  const bytes = encodeModel(c.model);
  const g = c.model.graph;
  const fed = g.inputs.filter((i) => !g.initializers.has(i.name));
  let outputs: Record<string, OrtTensor>;
  try {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled', logSeverityLevel: 4 });
    try {
      const feeds: Record<string, OrtTensor> = {};
      fed.forEach((v, i) => { feeds[v.name] = toOrt(ort, c.inputs[i]); });
      outputs = await session.run(feeds);
    } finally {
      await session.release();
    }
  } catch (e) {
    return { kind: 'refused', error: firstLine(e) };
  }
  const dir = path.join(SUITE_DIR, c.name);
  fs.rmSync(dir, { recursive: true, force: true });
  const set = path.join(dir, 'test_data_set_0');
  fs.mkdirSync(set, { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.onnx'), bytes);
  fed.forEach((v, i) => writeTensor(path.join(set, `input_${i}.pb`), c.inputs[i], v.name));
  g.outputs.forEach((o, i) => {
    const t = outputs[o.name];
    if (!t) throw new Error(`case ${c.name}: onnxruntime returned no output "${o.name}"`);
    writeTensor(path.join(set, `output_${i}.pb`), fromOrt(t), o.name);
  });
  if (c.tolerance) fs.writeFileSync(path.join(dir, 'tolerance.json'), JSON.stringify(c.tolerance) + '\n');
  return { kind: 'written' };
}

function readRefused(): Map<string, RefusedCase> {
  if (!fs.existsSync(REFUSED_FILE)) return new Map();
  const list = JSON.parse(fs.readFileSync(REFUSED_FILE, 'utf8')) as RefusedCase[];
  return new Map(list.map((r) => [r.name, r]));
}

function writeRefused(refused: Map<string, RefusedCase>): void {
  const list = [...refused.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  fs.writeFileSync(REFUSED_FILE, JSON.stringify(list, null, 1) + '\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { filter: { type: 'string' } }, strict: true });
  const filter = values.filter === undefined ? undefined : new RegExp(values.filter);
  const all = [...layerCases, ...quantizedCases, ...attentionCases];
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.name)) throw new Error(`two cases are named ${c.name}`);
    seen.add(c.name);
    checkCase(c);
  }
  const chosen = all.filter((c) => !filter || filter.test(c.name));
  const ort = loadOrt();
  fs.mkdirSync(SUITE_DIR, { recursive: true });
  const refused = readRefused();
  let written = 0;
  for (const c of chosen) {
    const outcome = await generate(ort, c);
    if (outcome.kind === 'written') {
      written++;
      refused.delete(c.name);
    } else {
      fs.rmSync(path.join(SUITE_DIR, c.name), { recursive: true, force: true });
      refused.set(c.name, { name: c.name, op: c.op, error: outcome.error });
      console.log(`refused ${c.name} (${c.op}): ${outcome.error}`);
    }
  }
  writeRefused(refused);
  console.log(`${chosen.length} cases: ${written} written under ${path.relative(ROOT, SUITE_DIR)}/, ${chosen.length - written} refused by onnxruntime`);
}

await main();
