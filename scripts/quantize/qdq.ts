// Static QDQ int8, as onnxruntime's quantize_static writes it with QuantFormat.QDQ,
// per_channel=True, uint8 activations and int8 weights:
//   - every activation a Conv or MatMul (with a constant weight) reads or writes goes through
//     QuantizeLinear -> DequantizeLinear, its uint8 scale and zero point calibrated on one input
//     (range [min(x, 0), max(x, 0)]); an output read only by a Relu or Clip is quantized after
//     it, as the quantizer does, so the optimizer can drop the activation;
//   - weights are int8, symmetric, one scale per output channel (DequantizeLinear axis 0 for a
//     Conv's [M, C, kh, kw], axis 1 for a MatMul's [K, N]);
//   - a Conv's bias is int32 with scale x_scale * w_scale[m], zero point 0.
// Per-axis DequantizeLinear needs opset 13: a model below it is raised to 13 when every op it
// uses means the same there, and refused otherwise.
import { Tensor } from '../../data/tensor.js';
import type { Graph, Model, Node } from '../../graph/ir.js';

export interface Calibration {
  /** [min, max] of each named value on the calibration input. */
  ranges: Map<string, [number, number]>;
}

/** Ops whose opset-11 and opset-13 forms mean the same for these models (no axes moved to inputs, no Softmax change). */
const SAME_AT_13 = new Set(['Conv', 'Relu', 'Clip', 'MaxPool', 'AveragePool', 'Add', 'Mul', 'GlobalAveragePool', 'Flatten', 'Gemm', 'Constant', 'Concat', 'MatMul', 'Reshape']);

const node = (opType: string, inputs: string[], outputs: string[], attributes: Node['attributes'] = new Map()): Node => ({
  name: outputs[0], opType, domain: '', inputs, outputs, attributes,
});

function constantFloat(g: Graph, name: string | undefined): Tensor | undefined {
  const t = name ? g.initializers.get(name) : undefined;
  return t && t.type === 'float32' && !g.inputs.some((i) => i.name === name) ? t : undefined;
}

/** The Conv and MatMul nodes with a constant float weight (a MatMul's 2-D) and a constant or no bias. */
function quantizableNodes(g: Graph): Node[] {
  return g.nodes.filter((n) => {
    if (n.domain !== '') return false;
    const w = constantFloat(g, n.inputs[1]);
    if (!w) return false;
    if (n.opType === 'MatMul') return w.dims.length === 2;
    return n.opType === 'Conv' && ((n.inputs[2] ?? '') === '' || !!constantFloat(g, n.inputs[2]));
  });
}

/** The values to quantize: each quantized node's input and output, moved past a Relu or Clip that alone reads it. */
export function activationsToQuantize(g: Graph): string[] {
  const readers = new Map<string, Node[]>();
  for (const n of g.nodes) for (const i of n.inputs) if (i) readers.set(i, [...(readers.get(i) ?? []), n]);
  const outputs = new Set(g.outputs.map((o) => o.name));
  const values = new Set<string>();
  for (const n of quantizableNodes(g)) {
    values.add(n.inputs[0]);
    let y = n.outputs[0];
    const r = readers.get(y) ?? [];
    if (r.length === 1 && !outputs.has(y) && (r[0].opType === 'Relu' || r[0].opType === 'Clip') && r[0].domain === '') y = r[0].outputs[0];
    values.add(y);
  }
  return [...values];
}

/** uint8 scale and zero point over [min(lo, 0), max(hi, 0)]. */
function activationParams([lo, hi]: [number, number]): { scale: number; zeroPoint: number } {
  const a = Math.min(lo, 0), b = Math.max(hi, 0);
  const scale = Math.fround((b - a) / 255) || 1;
  return { scale, zeroPoint: Math.min(255, Math.max(0, Math.round(-a / scale))) };
}

/** int8 values with one symmetric scale per slice along `axis` of `dims` (the slices being channels). */
export function quantizePerChannel(w: Float32Array, dims: readonly number[], axis: number): { values: Int8Array; scales: Float32Array } {
  const channels = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const max = new Float32Array(channels);
  for (let i = 0; i < w.length; i++) max[channelOf(i)] = Math.max(max[channelOf(i)], Math.abs(w[i]));
  const scales = Float32Array.from(max, (m) => Math.fround(m / 127) || 1);
  const values = Int8Array.from(w, (v, i) => Math.max(-127, Math.min(127, Math.round(v / scales[channelOf(i)]))));
  return { values, scales };
}

function raiseOpset(model: Model): void {
  const opset = model.opsets.get('') ?? 1;
  if (opset >= 13) return;
  const changed = [...new Set(model.graph.nodes.filter((n) => n.domain === '' && !SAME_AT_13.has(n.opType)).map((n) => n.opType))];
  if (changed.length) throw new Error(`QDQ needs opset 13 for per-channel scales; this opset-${opset} model uses ${changed.join(', ')}, which opset 13 may read differently`);
  model.opsets.set('', 13);
}

/** The model rewritten to QDQ int8 in place; how many Conv and MatMul nodes it quantized. */
export function quantizeQdq(model: Model, calibration: Calibration): number {
  raiseOpset(model);
  const g = model.graph;
  const targets = new Set(quantizableNodes(g));
  const activations = activationsToQuantize(g);
  const params = new Map<string, { scale: number; zeroPoint: number; dq: string }>();
  for (const v of activations) {
    const range = calibration.ranges.get(v);
    if (!range) throw new Error(`QDQ: no calibrated range for ${v}`);
    params.set(v, { ...activationParams(range), dq: `${v}_DequantizeLinear_Output` });
  }
  const qdqOf = (v: string): Node[] => {
    const p = params.get(v)!;
    g.initializers.set(`${v}_scale`, new Tensor('float32', Float32Array.of(p.scale), []));
    g.initializers.set(`${v}_zero_point`, new Tensor('uint8', Uint8Array.of(p.zeroPoint), []));
    return [
      node('QuantizeLinear', [v, `${v}_scale`, `${v}_zero_point`], [`${v}_quantized`]),
      node('DequantizeLinear', [`${v}_quantized`, `${v}_scale`, `${v}_zero_point`], [p.dq]),
    ];
  };
  const weightsDone = new Set<string>();
  const weightDq = (n: Node): Node[] => {
    const w = constantFloat(g, n.inputs[1])!;
    // a weight two nodes share is quantized once; a shared bias would need one scale per reader
    if (weightsDone.has(n.inputs[1]) || (n.inputs[2] && weightsDone.has(n.inputs[2]))) throw new Error(`QDQ: ${n.name} shares its weight or bias with another node`);
    weightsDone.add(n.inputs[1]);
    if (n.inputs[2]) weightsDone.add(n.inputs[2]);
    const conv = n.opType === 'Conv', axis = conv ? 0 : 1;
    const q = quantizePerChannel(w.data as Float32Array, w.dims, axis);
    const name = n.inputs[1];
    g.initializers.set(`${name}_quantized`, new Tensor('int8', q.values, w.dims));
    g.initializers.set(`${name}_scale`, new Tensor('float32', q.scales, [q.scales.length]));
    g.initializers.set(`${name}_zero_point`, new Tensor('int8', new Int8Array(q.scales.length), [q.scales.length]));
    const axisAttr = new Map([['axis', { type: 'int' as const, value: axis }]]);
    const out = [node('DequantizeLinear', [`${name}_quantized`, `${name}_scale`, `${name}_zero_point`], [`${name}_DequantizeLinear_Output`], axisAttr)];
    const b = conv ? constantFloat(g, n.inputs[2]) : undefined;
    if (b) {
      const xScale = params.get(n.inputs[0])!.scale;
      const scales = Float32Array.from(q.scales, (s) => Math.fround(xScale * s));
      const values = Int32Array.from(b.data as Float32Array, (v, m) => Math.round(v / scales[m]));
      const bias = n.inputs[2];
      g.initializers.set(`${bias}_quantized`, new Tensor('int32', values, b.dims));
      g.initializers.set(`${bias}_scale`, new Tensor('float32', scales, [scales.length]));
      out.push(node('DequantizeLinear', [`${bias}_quantized`, `${bias}_scale`], [`${bias}_DequantizeLinear_Output`], axisAttr));
    }
    return out;
  };
  const rewritten: Node[] = [];
  const reads = (n: Node) => n.inputs.map((i) => (params.has(i) ? params.get(i)!.dq : i));
  for (const v of g.inputs) if (params.has(v.name)) rewritten.push(...qdqOf(v.name));
  for (const n of g.nodes) {
    if (targets.has(n)) {
      rewritten.push(...weightDq(n));
      n.inputs = [reads(n)[0], `${n.inputs[1]}_DequantizeLinear_Output`, ...(n.inputs[2] ? [`${n.inputs[2]}_DequantizeLinear_Output`] : [])];
    } else n.inputs = reads(n);
    rewritten.push(n);
    for (const o of n.outputs) if (params.has(o)) rewritten.push(...qdqOf(o));
  }
  g.nodes = rewritten;
  // the float weights and biases nothing reads any more
  const read = new Set(g.nodes.flatMap((n) => n.inputs));
  for (const name of [...g.initializers.keys()]) if (!read.has(name)) g.initializers.delete(name);
  return targets.size;
}
