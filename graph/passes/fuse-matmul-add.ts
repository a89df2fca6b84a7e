// extended: MatMul followed by Add of a constant bias becomes Gemm when A is 2-D and B a
// constant matrix, else a FusedMatMul with the bias applied in its epilogue.
import { constantOf, consumersOf, hasSingleConsumer, producersOf } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import { isStatic } from '../shape-inference.js';
import { graphShapes } from './graph-shapes.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass } from './pass.js';

export const fuseMatMulAdd: GraphPass = {
  name: 'fuse-matmul-add',
  level: 'extended',
  run(graph: Graph, ctx) {
    const shapes = graphShapes(graph, ctx.opsets);
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    let changed = false;
    for (const add of [...graph.nodes]) {
      if (add.opType !== 'Add' || add.domain !== '') continue;
      const mmSide = [0, 1].find((i) => producers.get(add.inputs[i])?.opType === 'MatMul' && producers.get(add.inputs[i])?.domain === '');
      if (mmSide === undefined) continue;
      const mm = producers.get(add.inputs[mmSide])!;
      const biasName = add.inputs[1 - mmSide];
      const bias = constantOf(graph, biasName);
      const b = constantOf(graph, mm.inputs[1]);
      const a = shapes.get(mm.inputs[0]);
      if (!bias || !b || bias.type !== 'float32' || b.type !== 'float32' || b.dims.length !== 2) continue;
      if (!hasSingleConsumer(graph, consumers, add.inputs[mmSide])) continue;
      const n = b.dims[1];
      // the bias must broadcast along the last axis only: [N] or [1, N]
      if (bias.dims[bias.dims.length - 1] !== n || bias.size !== n) continue;
      if (a?.dims && a.dims.length === 2 && isStatic(a.dims) && bias.dims.length <= 2) {
        mm.opType = 'Gemm';
        mm.inputs = [mm.inputs[0], mm.inputs[1], biasName];
      } else if (a?.dims && a.dims.length >= 2) {
        mm.opType = 'FusedMatMul';
        mm.domain = FUSED_DOMAIN;
        mm.inputs = [mm.inputs[0], mm.inputs[1], biasName];
        ctx.opsets.set(FUSED_DOMAIN, 1);
      } else continue;
      mm.outputs = [add.outputs[0]];
      graph.nodes = graph.nodes.filter((x) => x !== add);
      changed = true;
    }
    return changed;
  },
};
