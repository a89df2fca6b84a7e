// basic: removes nodes that pass their input through unchanged: Identity, inference-mode
// Dropout, and Cast/Reshape/Transpose/Slice/Pad/Expand that provably change nothing.
import { bypassNode, consumersOf, constantOf, intAttr } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';
import { isStatic, type ShapeInfo } from '../shape-inference.js';
import { graphShapes } from './graph-shapes.js';
import type { GraphPass } from './pass.js';

const ints = (g: Graph, name: string | undefined) => {
  const t = name ? constantOf(g, name) : undefined;
  return t ? Array.from(t.data as ArrayLike<number | bigint>, Number) : undefined;
};

function sameStaticShape(a: ShapeInfo | undefined, b: ShapeInfo | undefined): boolean {
  return !!a && !!b && isStatic(a.dims) && isStatic(b.dims) && a.dims.length === b.dims.length && a.dims.every((d, i) => d === b.dims![i]);
}

function isNoOp(g: Graph, n: Node, shapes: Map<string, ShapeInfo>, consumers: Map<string, Node[]>): boolean {
  if (n.domain !== '') return false;
  const x = shapes.get(n.inputs[0]);
  const y = shapes.get(n.outputs[0]);
  switch (n.opType) {
    case 'Identity':
      return true;
    case 'Dropout': {
      // inference: identity, unless a mask output is read or training_mode is a true constant
      if (n.outputs[1] && (consumers.get(n.outputs[1])?.length || g.outputs.some((o) => o.name === n.outputs[1]))) return false;
      const training = ints(g, n.inputs[2]);
      if (n.inputs[2] && (!training || training[0] !== 0)) return false;
      return intAttr(n, 'is_test', 1) === 1 || !n.attributes.has('is_test');
    }
    case 'Cast':
      return !!x?.type && x.type === y?.type;
    case 'Reshape': case 'Expand': case 'Slice': case 'Pad':
      if (n.opType === 'Pad') {
        // the attribute form (before opset 11) only counts when it has its declared type:
        // a mistyped one is the kernel's to report
        const padsAttr = n.attributes.get('pads');
        const pads = ints(g, n.inputs[1]) ?? (padsAttr?.type === 'ints' ? padsAttr.value : undefined);
        return !!pads && pads.every((p) => Number(p) === 0);
      }
      return sameStaticShape(x, y);
    case 'Transpose': {
      const perm = n.attributes.get('perm');
      return perm?.type === 'ints' && perm.value.every((p, i) => p === i);
    }
    default:
      return false;
  }
}

export const eliminateNoOps: GraphPass = {
  name: 'eliminate-no-ops',
  level: 'basic',
  run(graph, ctx) {
    const shapes = graphShapes(graph, ctx.opsets);
    const consumers = consumersOf(graph);
    let changed = false;
    for (const n of [...graph.nodes]) {
      if (n.outputs.filter(Boolean).length > (n.opType === 'Dropout' ? 2 : 1)) continue;
      if (isNoOp(graph, n, shapes, consumers) && bypassNode(graph, n)) changed = true;
    }
    return changed;
  },
};
