// Writes quantized variants of the shared float32 models for npm run bench, in the layout bench
// reads (<name>/model.onnx, test_data_set_0 copied from the float model), under bench/quantized/
// (not committed: they are derived from ../shared/models, and this script remakes them):
//   <name>-q8  every MatMul by a constant 2-D weight and every Conv by a constant weight (and
//              bias) as onnxruntime's quantize_dynamic writes them for transformers.js's q8 files:
//              DynamicQuantizeLinear -> MatMulInteger / ConvInteger (weight with one scale) ->
//              Cast -> Mul by x_scale * w_scale (-> Add of the Conv's bias, broadcast per channel);
//              an activation several nodes read is quantized once. Weights are int8 and
//              symmetric, or, in a model with a Conv, uint8 with a zero point (quantize/weights.ts)
//   <name>-q4  every such MatMul as MatMulNBits (4 bits, blocks of 32 along K); not written for
//              a model without one
//   <name>-qdq static QDQ int8 with per-channel weights (quantize/qdq.ts), calibrated on the
//              test input; checked with optimizations on, since both runtimes then fuse the
//              QDQ chains into integer ops
// Where onnxruntime-node is installed (bench/reference), each variant is checked against it
// on the test input (q8 and q4 unoptimized, qdq optimized): the largest difference between the
// two runtimes' outputs is printed, and the script fails above 1e-3 relative to the output's
// range, or, for qdq, above onnxruntime's own distance between its fused and unfused runs.
// Run: npx tsx scripts/make-quantized-models.ts [--models transformer-encoder]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Tensor } from '../data/tensor.js';
import { decodeValueFile } from '../graph/decode-value.js';
import { encodeModel } from '../graph/encode-model.js';
import type { Graph, Model, Node } from '../graph/ir.js';
import { loadModel } from '../graph/load-model.js';
import { MICROSOFT_DOMAIN } from '../data/domains.js';
import { InferenceSession } from '../src/index.js';
import { activationsToQuantize, quantizeQdq } from './quantize/qdq.js';
import { quantizeQ4, quantizeQ8, quantizeQU8 } from './quantize/weights.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const QUANTIZED_DIR = path.join(ROOT, 'bench', 'quantized');
const Q4_BLOCK = 32;
type Variant = 'q8' | 'q4';
const VARIANTS = ['q8', 'q4', 'qdq'] as const;

const node = (opType: string, inputs: string[], outputs: string[], attributes: Node['attributes'] = new Map(), domain = ''): Node => ({
  name: outputs[0], opType, domain, inputs, outputs, attributes,
});

/** The float32 initializer `name`, when no feed can replace it. */
function constantFloat(g: Graph, name: string | undefined): Tensor | undefined {
  const t = name ? g.initializers.get(name) : undefined;
  if (!t || t.type !== 'float32' || g.inputs.some((i) => i.name === name)) return undefined;
  return t;
}

/** The weight of a MatMul ([K, N]) or, for q8, of a Conv with a constant or no bias, when constant. */
function constantWeight(g: Graph, n: Node, variant: Variant): Tensor | undefined {
  if (n.domain !== '') return undefined;
  const w = constantFloat(g, n.inputs[1]);
  if (!w) return undefined;
  if (n.opType === 'MatMul') return w.dims.length === 2 ? w : undefined;
  const hasBias = (n.inputs[2] ?? '') !== '';
  return n.opType === 'Conv' && variant === 'q8' && (!hasBias || constantFloat(g, n.inputs[2])) ? w : undefined;
}

function rewriteQ4(g: Graph, n: Node, w: Tensor): Node[] {
  const [K, N] = w.dims;
  const p = n.outputs[0];
  if (K % Q4_BLOCK) return [n];
  const { packed, scales } = quantizeQ4(w.data as Float32Array, K, N, Q4_BLOCK);
  g.initializers.set(`${p}_Q4`, new Tensor('uint8', packed, [N, K / Q4_BLOCK, Q4_BLOCK / 2]));
  g.initializers.set(`${p}_scales`, new Tensor('float32', scales, [N * (K / Q4_BLOCK)]));
  const attrs = new Map(Object.entries({ K, N, bits: 4, block_size: Q4_BLOCK }).map(([k, v]) => [k, { type: 'int' as const, value: v }]));
  return [node('MatMulNBits', [n.inputs[0], `${p}_Q4`, `${p}_scales`], n.outputs, attrs, MICROSOFT_DOMAIN)];
}

/** The names DynamicQuantizeLinear gave an activation: quantized value, scale, zero point. */
type QuantizedActivations = Map<string, [string, string, string]>;

function rewriteQ8(g: Graph, n: Node, w: Tensor, unsignedWeights: boolean, activations: QuantizedActivations): Node[] {
  const p = n.outputs[0];
  const data = w.data as Float32Array;
  const q = unsignedWeights ? quantizeQU8(data) : { ...quantizeQ8(data), zeroPoint: 0 };
  const type = unsignedWeights ? 'uint8' : 'int8';
  g.initializers.set(`${p}_quantized`, new Tensor(type, q.values, w.dims));
  g.initializers.set(`${p}_zero_point`, new Tensor(type, unsignedWeights ? Uint8Array.of(q.zeroPoint) : Int8Array.of(q.zeroPoint), []));
  g.initializers.set(`${p}_weight_scale`, new Tensor('float32', [q.scale], []));
  const out: Node[] = [];
  let x = activations.get(n.inputs[0]);
  if (!x) {
    x = [`${p}_xq`, `${p}_xscale`, `${p}_xzero`];
    activations.set(n.inputs[0], x);
    out.push(node('DynamicQuantizeLinear', [n.inputs[0]], [...x]));
  }
  const [xq, xscale, xzero] = x;
  const conv = n.opType === 'Conv';
  const bias = conv ? constantFloat(g, n.inputs[2]) : undefined;
  out.push(
    conv
      ? node('ConvInteger', [xq, `${p}_quantized`, xzero, `${p}_zero_point`], [`${p}_acc`], n.attributes)
      : node('MatMulInteger', [xq, `${p}_quantized`, xzero, `${p}_zero_point`], [`${p}_acc`]),
    node('Cast', [`${p}_acc`], [`${p}_accf`], new Map([['to', { type: 'int', value: 1 }]])),
    node('Mul', [xscale, `${p}_weight_scale`], [`${p}_scale`]),
    node('Mul', [`${p}_accf`, `${p}_scale`], bias ? [`${p}_scaled`] : n.outputs),
  );
  if (bias) {
    // onnxruntime reshapes the bias to [1, M, 1, ...] by a Reshape node; this is its constant result
    g.initializers.set(`${p}_bias`, new Tensor('float32', bias.data as Float32Array, [1, bias.size, ...w.dims.slice(2).map(() => 1)]));
    out.push(node('Add', [`${p}_scaled`, `${p}_bias`], n.outputs));
  }
  return out;
}

/** The model with every constant-weight MatMul (and, for q8, Conv) quantized; how many were. */
export function quantizeModel(model: Model, variant: Variant): { model: Model; quantized: number } {
  const g = model.graph;
  let quantized = 0;
  const used = new Set<string>();
  const unsignedWeights = g.nodes.some((n) => n.opType === 'Conv' && n.domain === '');
  const activations: QuantizedActivations = new Map();
  g.nodes = g.nodes.flatMap((n) => {
    const w = constantWeight(g, n, variant);
    if (!w) return [n];
    const out = variant === 'q4' ? rewriteQ4(g, n, w) : rewriteQ8(g, n, w, unsignedWeights, activations);
    if (out[0] !== n) {
      quantized++;
      for (const name of n.inputs.slice(1)) used.add(name);
    }
    return out;
  });
  // drop the float weights and biases nothing reads any more
  const read = new Set(g.nodes.flatMap((n) => n.inputs));
  for (const name of used) if (!read.has(name)) g.initializers.delete(name);
  if (variant === 'q4') model.opsets.set(MICROSOFT_DOMAIN, 1);
  return { model, quantized };
}

/** [min, max] of each value QDQ quantizes, from running the float model on `feeds`. */
export async function calibrate(modelBytes: Uint8Array, feeds: Record<string, Tensor>): Promise<Map<string, [number, number]>> {
  const model = loadModel(modelBytes);
  const values = activationsToQuantize(model.graph);
  const known = new Set(model.graph.outputs.map((o) => o.name));
  model.graph.outputs.push(...values.filter((v) => !known.has(v)).map((name) => ({ name })));
  const session = await InferenceSession.create(encodeModel(model));
  const out = { ...feeds, ...(await session.run(feeds)) };
  await session.release();
  return new Map(values.map((v) => {
    const data = (out[v] as Tensor).data as Float32Array;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < data.length; i++) { lo = Math.min(lo, data[i]); hi = Math.max(hi, data[i]); }
    return [v, [lo, hi]];
  }));
}

async function quantizedVariant(modelBytes: Uint8Array, variant: (typeof VARIANTS)[number], feeds: Record<string, Tensor>): Promise<{ model: Model; quantized: number }> {
  if (variant !== 'qdq') return quantizeModel(loadModel(modelBytes), variant);
  const model = loadModel(modelBytes);
  return { model, quantized: quantizeQdq(model, { ranges: await calibrate(modelBytes, feeds) }) };
}

async function onnxruntimeNodeOutputs(file: string, feeds: Record<string, Tensor>, level: 'disabled' | 'all'): Promise<Record<string, Tensor> | undefined> {
  const require = createRequire(path.join(ROOT, 'bench', 'reference', 'package.json'));
  let entry: string;
  try {
    entry = require.resolve('onnxruntime-node');
  } catch {
    return undefined;
  }
  const ort = await import(pathToFileURL(entry).href);
  // q8 unoptimized: at level 'all' onnxruntime fuses the q8 chain into its own float epilogue,
  // which differs in the last bits (6e-3 on this encoder's outputs), not the model's meaning
  const s = await ort.InferenceSession.create(file, { graphOptimizationLevel: level });
  const out = await s.run(Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ort.Tensor(t.type, t.data, t.dims)])));
  return Object.fromEntries(Object.entries(out).map(([k, t]) => { const v = t as Tensor; return [k, new Tensor(v.type, v.data as Float32Array, [...v.dims])]; }));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { models: { type: 'string', default: 'transformer-encoder' } } });
  const shared = process.env.ONNX_TS_MODELS ?? path.resolve(ROOT, '..', 'shared', 'models');
  let bad = false;
  for (const name of values.models!.split(',')) {
    const src = path.join(shared, name);
    if (!fs.existsSync(src)) throw new Error(`no model ${name} in ${shared} (set ONNX_TS_MODELS)`);
    const floatBytes = new Uint8Array(fs.readFileSync(path.join(src, 'model.onnx')));
    const setSrc = path.join(src, 'test_data_set_0');
    const inputs = fs.readdirSync(setSrc).filter((f) => f.startsWith('input_')).sort().map((f) => decodeValueFile(fs.readFileSync(path.join(setSrc, f))) as Tensor);
    const floatGraph = loadModel(floatBytes).graph;
    const inputNames = floatGraph.inputs.map((i) => i.name).filter((n) => !floatGraph.initializers.has(n));
    const feeds = Object.fromEntries(inputs.map((t, i) => [inputNames[i], t]));
    for (const variant of VARIANTS) {
      const { model, quantized } = await quantizedVariant(floatBytes, variant, feeds);
      const dir = path.join(QUANTIZED_DIR, `${name}-${variant}`);
      fs.rmSync(dir, { recursive: true, force: true });
      if (quantized === 0) {
        console.log(`${name}-${variant}: nothing to quantize, not written`);
        continue;
      }
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'model.onnx');
      fs.writeFileSync(file, encodeModel(model));
      fs.cpSync(setSrc, path.join(dir, 'test_data_set_0'), { recursive: true });
      const session = await InferenceSession.create(file);
      const ours = await session.run(feeds);
      await session.release();
      const theirs = await onnxruntimeNodeOutputs(file, feeds, variant === 'qdq' ? 'all' : 'disabled');
      // a QDQ chain rounds to its scale at every layer, so a last-bit difference in one float sum
      // can move a value a whole step and the step travels: the bound is how far onnxruntime's
      // own unfused run lies from its fused one
      const theirsUnfused = variant === 'qdq' ? await onnxruntimeNodeOutputs(file, feeds, 'disabled') : undefined;
      let line = `${name}-${variant}: ${quantized} nodes quantized, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB`;
      if (theirs) {
        for (const [k, t] of Object.entries(theirs)) {
          const b = t.data as Float32Array;
          const worst = maxAbsDiff((ours[k] as Tensor).data as Float32Array, b);
          const range = maxAbsDiff(b, new Float32Array(b.length));
          const bound = Math.max(1e-3 * Math.max(range, 1), theirsUnfused ? maxAbsDiff(theirsUnfused[k].data as Float32Array, b) : 0);
          line += `; ${k} vs onnxruntime-node: max abs diff ${worst.toExponential(2)} (max |y| ${range.toFixed(2)}`;
          line += theirsUnfused ? `, onnxruntime fused vs unfused ${bound.toExponential(2)})` : ')';
          if (!(worst <= bound)) bad = true;
        }
      } else line += '; onnxruntime-node not installed (bench/reference): not checked';
      console.log(line);
    }
  }
  if (bad) process.exit(1);
}
