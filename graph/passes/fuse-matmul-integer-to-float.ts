// extended: the dynamic-quantization matmul that quantizers write (onnxruntime's
// quantize_dynamic, so transformers.js's q8 models), MatMulInteger -> Cast(float) -> Mul by
// Mul(a_scale, b_scale) [-> Add of a constant bias], becomes one com.microsoft
// MatMulIntegerToFloat, as onnxruntime's own fusion does: its int32 product then never leaves
// the kernel. The fused op computes what the nodes did, in the same float32 steps (the sum
// converted to float32, times the float32 scale product, plus the bias), so outputs keep
// their bits. a_scale and a's zero point must be one value each, b_scale one or one per column.
import { consumersOf, constantOf, hasSingleConsumer, intAttr, producersOf } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';
import { graphShapes } from './graph-shapes.js';
import { isOp } from './pattern-match.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import type { GraphPass } from './pass.js';

const FLOAT = 1;

export const fuseMatMulIntegerToFloat: GraphPass = {
  name: 'fuse-matmul-integer-to-float',
  level: 'extended',
  run(graph: Graph, ctx) {
    // shape inference over the whole graph is the costly part: only for graphs that can match
    if (!graph.nodes.some((n) => isOp(n, 'MatMulInteger'))) return false;
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    const shapes = graphShapes(graph, ctx.opsets);
    const single = (name: string): Node | undefined => (hasSingleConsumer(graph, consumers, name) ? consumers.get(name)![0] : undefined);
    /** One value, as a scalar or a 1-D tensor: it then broadcasts without changing a shape. */
    const isOneValue = (name: string) => {
      const dims = shapes.get(name)?.dims;
      return !!dims && dims.length <= 1 && dims.every((d) => d === 1);
    };
    const removed = new Set<Node>();
    for (const mm of graph.nodes) {
      if (!isOp(mm, 'MatMulInteger') || removed.has(mm)) continue;
      const [a, b, aZero = '', bZero = ''] = mm.inputs;
      const cast = single(mm.outputs[0]);
      if (!cast || !isOp(cast, 'Cast') || intAttr(cast, 'to', 0) !== FLOAT) continue;
      const mul = single(cast.outputs[0]);
      if (!mul || !isOp(mul, 'Mul')) continue;
      const scaleName = mul.inputs[mul.inputs[0] === cast.outputs[0] ? 1 : 0];
      const scaleMul = producers.get(scaleName);
      if (!scaleMul || !isOp(scaleMul, 'Mul')) continue;
      // Mul(a_scale, b_scale): b_scale the constant, one value or one per column of a 2-D B
      const bSide = [0, 1].find((i) => constantOf(graph, scaleMul.inputs[i]) !== undefined);
      if (bSide === undefined) continue;
      const bScale = scaleMul.inputs[bSide], aScale = scaleMul.inputs[1 - bSide];
      const bScaleT = constantOf(graph, bScale)!, bT = constantOf(graph, b);
      const perColumn = bScaleT.size > 1;
      if (bScaleT.type !== 'float32' || (perColumn && !(bT?.dims.length === 2 && bScaleT.dims.length === 1 && bScaleT.dims[0] === bT.dims[1]))) continue;
      if (constantOf(graph, aScale) !== undefined || !isOneValue(aScale) || shapes.get(aScale)?.type !== 'float32') continue;
      if (aZero !== '' && !isOneValue(aZero)) continue;
      // a constant bias of one value per column, added last
      const add = single(mul.outputs[0]);
      const biasSide = add && isOp(add, 'Add') ? [0, 1].find((i) => add.inputs[i] !== mul.outputs[0]) : undefined;
      const bias = add && biasSide !== undefined ? constantOf(graph, add.inputs[biasSide]) : undefined;
      const withBias = !!bias && bias.type === 'float32' && bT?.dims.length === 2 && bias.dims.length === 1 && bias.dims[0] === bT.dims[1];
      mm.opType = 'MatMulIntegerToFloat';
      mm.domain = MICROSOFT_DOMAIN;
      mm.inputs = [a, b, aScale, bScale, aZero, bZero, ...(withBias ? [add!.inputs[biasSide!]] : [])];
      mm.outputs = [withBias ? add!.outputs[0] : mul.outputs[0]];
      for (const n of withBias ? [cast, mul, add!] : [cast, mul]) removed.add(n);
      if (!ctx.opsets.has(MICROSOFT_DOMAIN)) ctx.opsets.set(MICROSOFT_DOMAIN, 1);
    }
    if (removed.size === 0) return false;
    // the scale products are left to dead-node elimination: another node may read them
    graph.nodes = graph.nodes.filter((n) => !removed.has(n));
    return true;
  },
};
