// extended: the QDQ form of a quantized model, DequantizeLinear -> Conv / MatMul ->
// QuantizeLinear, becomes the integer op it stands for (QLinearConv, QLinearMatMul), as
// onnxruntime's QDQ transformer does, so the kernels compute on the 8-bit values instead of
// dequantizing, computing in float and quantizing back. The result is the integer op's exact
// sum requantized once, not the float computation's, so it can differ from the unfused graph
// by a step of the output's scale: the same trade onnxruntime makes.
//   x:    a DequantizeLinear with one scale and zero point (8-bit);
//   w:    a DequantizeLinear of constant 8-bit values, one scale or one per output channel
//         (axis 0 of a Conv's weight, axis 1 of a MatMul's [K, N]);
//   bias: (Conv) a DequantizeLinear of constant int32 values at scale x_scale * w_scale, zero
//         point 0, or none;
//   y:    read only by a QuantizeLinear with one scale and zero point, or by a Relu or Clip
//         read only by one, when the activation cannot change the quantized value (its bounds
//         quantize to or past the type's ends), as onnxruntime also requires to drop it.
// This pass runs before constant folding would turn the weights' DequantizeLinear into float.
import { isByteType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { constantOf, consumersOf, floatAttr, hasSingleConsumer, intAttr, producersOf, uniqueName } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';
import { graphShapes } from './graph-shapes.js';
import { type GraphPass } from './pass.js';

type ByteType = 'uint8' | 'int8';
const RANGE: Record<ByteType, [number, number]> = { uint8: [0, 255], int8: [-128, 127] };

interface Quantized {
  /** The 8-bit (or int32 bias) value, its scale and zero point ('' when omitted). */
  value: string;
  scale: string;
  zeroPoint: string;
  type: string;
  scales: Float32Array;
}

/** A constant: an initializer no feed replaces, or a Constant node's tensor. */
function constantValue(graph: Graph, producers: Map<string, Node>, name: string | undefined): Tensor | undefined {
  if (!name) return undefined;
  const t = constantOf(graph, name);
  if (t) return t;
  const p = producers.get(name);
  const v = p?.opType === 'Constant' && p.domain === '' ? p.attributes.get('value') : undefined;
  return v?.type === 'tensor' ? v.value : undefined;
}

function f32Scales(t: Tensor | undefined): Float32Array | undefined {
  return t && t.type === 'float32' && t.size > 0 && (t.dims.length <= 1) ? (t.data as Float32Array) : undefined;
}

/**
 * The DequantizeLinear producing `name`, when its scale is constant float32 of 1 value or,
 * with `perAxis`, of `channels` values along axis `axis` of a value of rank `rank`.
 */
function dequantized(
  graph: Graph, producers: Map<string, Node>, types: Map<string, { type?: string }>, name: string,
  perAxis?: { axis: number; rank: number; channels: number },
): Quantized | undefined {
  const dq = producers.get(name);
  if (!dq || dq.opType !== 'DequantizeLinear' || dq.domain !== '' || intAttr(dq, 'block_size', 0) !== 0) return undefined;
  const [value, scale, zeroPoint = ''] = dq.inputs;
  const scales = f32Scales(constantValue(graph, producers, scale));
  if (!scales) return undefined;
  const zp = zeroPoint ? constantValue(graph, producers, zeroPoint) : undefined;
  if (zeroPoint && (!zp || zp.size !== scales.length)) return undefined;
  const type = constantValue(graph, producers, value)?.type ?? types.get(value)?.type;
  if (!type || (zp && zp.type !== type)) return undefined;
  if (scales.length > 1) {
    if (!perAxis || scales.length !== perAxis.channels) return undefined;
    const axis = intAttr(dq, 'axis', 1);
    if ((axis < 0 ? axis + perAxis.rank : axis) !== perAxis.axis) return undefined;
  }
  return { value, scale, zeroPoint, type, scales };
}

/** The QuantizeLinear that alone reads `y` (through a Relu or Clip it makes redundant), and the nodes fusing removes. */
function quantizedOutput(
  graph: Graph, producers: Map<string, Node>, consumers: Map<string, Node[]>, y: string, opset: number,
): { q: Node; scale: string; zeroPoint: string; type: ByteType; removed: Node[] } | undefined {
  if (!hasSingleConsumer(graph, consumers, y)) return undefined;
  let next = consumers.get(y)![0];
  let activation: Node | undefined;
  if ((next.opType === 'Relu' || next.opType === 'Clip') && next.domain === '') {
    activation = next;
    if (!hasSingleConsumer(graph, consumers, next.outputs[0])) return undefined;
    next = consumers.get(next.outputs[0])![0];
  }
  if (next.opType !== 'QuantizeLinear' || next.domain !== '' || intAttr(next, 'block_size', 0) !== 0) return undefined;
  const [, scale, zeroPoint] = next.inputs;
  const s = f32Scales(constantValue(graph, producers, scale)), zp = constantValue(graph, producers, zeroPoint);
  if (!s || s.length !== 1 || !zp || zp.size !== 1 || !isByteType(zp.type)) return undefined;
  const outputType = next.attributes.get('output_dtype');
  if (outputType?.type === 'int' && outputType.value !== 0 && outputType.value !== (zp.type === 'uint8' ? 2 : 3)) return undefined;
  if (activation && !activationIsRedundant(graph, producers, activation, s[0], Number((zp.data as Int8Array)[0]), zp.type, opset)) return undefined;
  return { q: next, scale, zeroPoint, type: zp.type, removed: activation ? [activation, next] : [next] };
}

/** Whether quantizing after the activation equals quantizing without it: its bounds saturate anyway. */
function activationIsRedundant(graph: Graph, producers: Map<string, Node>, act: Node, scale: number, zp: number, type: ByteType, opset: number): boolean {
  const [qmin, qmax] = RANGE[type];
  let lo = 0, hi = Infinity;
  if (act.opType === 'Clip') {
    if (opset < 11) {
      lo = floatAttr(act, 'min', -Infinity);
      hi = floatAttr(act, 'max', Infinity);
    } else {
      const bound = (i: number, def: number) => {
        if (!act.inputs[i]) return def;
        const t = constantValue(graph, producers, act.inputs[i]);
        return t && t.size === 1 && t.type === 'float32' ? (t.data as Float32Array)[0] : undefined;
      };
      const l = bound(1, -Infinity), h = bound(2, Infinity);
      if (l === undefined || h === undefined) return false;
      lo = l;
      hi = h;
    }
  }
  const quantize = (v: number) => Math.round(Math.fround(v / scale)) + zp;
  return quantize(lo) <= qmin && quantize(hi) >= qmax;
}

/** A zero point input: the given one, or a new zero of `type` (QLinear ops of opset 10 require them). */
function zeroPointInput(graph: Graph, q: Quantized): string {
  if (q.zeroPoint) return q.zeroPoint;
  const name = uniqueName(graph, `${q.value}_zero_point`);
  graph.initializers.set(name, new Tensor(q.type as ByteType, q.type === 'uint8' ? new Uint8Array(1) : new Int8Array(1), []));
  return name;
}

/** The bias as QLinearConv takes it: int32 at scale x_scale * w_scale, zero point 0; undefined if it is not. */
function quantizedBias(graph: Graph, producers: Map<string, Node>, name: string, x: Quantized, w: Quantized, channels: number): string | undefined {
  const b = dequantized(graph, producers, new Map(), name, { axis: 0, rank: 1, channels });
  if (!b || b.type !== 'int32' || constantValue(graph, producers, b.value)?.size !== channels) return undefined;
  if (b.zeroPoint && (constantValue(graph, producers, b.zeroPoint)!.data as Int32Array).some((v) => v !== 0)) return undefined;
  for (let m = 0; m < channels; m++) {
    const expected = Math.fround(x.scales[0] * w.scales[w.scales.length === 1 ? 0 : m]);
    if (Math.abs(b.scales[b.scales.length === 1 ? 0 : m] - expected) > 1e-6 * expected) return undefined;
  }
  return b.value;
}

export const fuseQdq: GraphPass = {
  name: 'fuse-qdq',
  level: 'extended',
  run(graph, ctx) {
    const opset = ctx.opsets.get('') ?? 1;
    if (opset < 10) return false;
    const producers = producersOf(graph);
    const consumers = consumersOf(graph);
    const types = graphShapes(graph, ctx.opsets);
    let changed = false;
    for (const n of [...graph.nodes]) {
      if (n.domain !== '' || (n.opType !== 'Conv' && n.opType !== 'MatMul')) continue;
      const conv = n.opType === 'Conv';
      const weight = constantValue(graph, producers, producers.get(n.inputs[1])?.inputs[0]);
      if (!weight || (!conv && weight.dims.length !== 2)) continue;
      const channels = conv ? weight.dims[0] : weight.dims[1];
      const x = dequantized(graph, producers, types, n.inputs[0]);
      const w = dequantized(graph, producers, types, n.inputs[1], { axis: conv ? 0 : 1, rank: weight.dims.length, channels });
      if (!x || !w || x.scales.length !== 1 || !isByteType(x.type) || !isByteType(w.type)) continue;
      const bias = conv && n.inputs[2] ? quantizedBias(graph, producers, n.inputs[2], x, w, channels) : '';
      if (bias === undefined) continue;
      const y = quantizedOutput(graph, producers, consumers, n.outputs[0], opset);
      if (!y) continue;
      const inputs = [x.value, x.scale, zeroPointInput(graph, x), w.value, w.scale, zeroPointInput(graph, w), y.scale, y.zeroPoint];
      n.opType = conv ? 'QLinearConv' : 'QLinearMatMul';
      n.inputs = bias ? [...inputs, bias] : inputs;
      n.outputs = [y.q.outputs[0]];
      graph.nodes = graph.nodes.filter((m) => !y.removed.includes(m));
      changed = true;
    }
    return changed;
  },
};
