// extended: Conv followed by Add of another tensor of the same shape (a residual
// connection) becomes FusedConv with that tensor as its sum input (input 3), so that a
// following activation can fuse too: ResNet's Conv → Add → Relu becomes one node.
import { consumersOf, hasSingleConsumer, producersOf } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import { isStatic } from '../shape-inference.js';
import { graphShapes } from './graph-shapes.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass } from './pass.js';

export const fuseConvAdd: GraphPass = {
  name: 'fuse-conv-add',
  level: 'extended',
  run(graph: Graph, ctx) {
    const shapes = graphShapes(graph, ctx.opsets);
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    let changed = false;
    for (const add of [...graph.nodes]) {
      if (add.opType !== 'Add' || add.domain !== '' || add.inputs[0] === add.inputs[1]) continue;
      const convSide = [0, 1].find((i) => {
        const p = producers.get(add.inputs[i]);
        return !!p && ((p.domain === '' && p.opType === 'Conv') || (p.domain === FUSED_DOMAIN && p.opType === 'FusedConv' && !p.attributes.has('activation') && p.inputs.length <= 3));
      });
      if (convSide === undefined) continue;
      const conv = producers.get(add.inputs[convSide])!;
      const sum = add.inputs[1 - convSide];
      const y = shapes.get(add.inputs[convSide]), z = shapes.get(sum);
      if (!hasSingleConsumer(graph, consumers, add.inputs[convSide])) continue;
      if (!y?.dims || !z?.dims || !isStatic(y.dims) || !isStatic(z.dims) || y.type !== 'float32' || z.type !== 'float32') continue;
      if (y.dims.length !== z.dims.length || y.dims.some((d, i) => d !== z.dims![i])) continue;
      conv.opType = 'FusedConv';
      conv.domain = FUSED_DOMAIN;
      conv.inputs = [conv.inputs[0], conv.inputs[1], conv.inputs[2] ?? '', sum];
      conv.outputs = [add.outputs[0]];
      graph.nodes = graph.nodes.filter((n) => n !== add);
      ctx.opsets.set(FUSED_DOMAIN, 1);
      changed = true;
    }
    return changed;
  },
};
