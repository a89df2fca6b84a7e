// extended: a Transpose of a 2-D Gemm operand becomes Gemm's transA/transB flag.
import { consumersOf, hasSingleConsumer, intAttr, producersOf } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import type { GraphPass } from './pass.js';

export function foldTransposeIntoGemmIn(graph: Graph): boolean {
  const consumers = consumersOf(graph);
  const producers = producersOf(graph);
  let changed = false;
  for (const gemm of graph.nodes) {
    if (gemm.opType !== 'Gemm' || gemm.domain !== '') continue;
    for (const [i, flag] of [[0, 'transA'], [1, 'transB']] as const) {
      const t = producers.get(gemm.inputs[i]);
      if (!t || t.opType !== 'Transpose' || t.domain !== '' || !hasSingleConsumer(graph, consumers, gemm.inputs[i])) continue;
      const perm = t.attributes.get('perm');
      // 2-D transpose: perm [1, 0] or absent (reverse)
      if (perm && !(perm.type === 'ints' && perm.value.length === 2 && perm.value[0] === 1 && perm.value[1] === 0)) continue;
      if (!perm) continue; // rank unknown without a perm: leave it
      gemm.inputs[i] = t.inputs[0];
      gemm.attributes.set(flag, { type: 'int', value: 1 - intAttr(gemm, flag, 0) });
      graph.nodes = graph.nodes.filter((n) => n !== t);
      changed = true;
    }
  }
  return changed;
}

export const foldTransposeIntoGemm: GraphPass = { name: 'fold-transpose-into-gemm', level: 'extended', run: foldTransposeIntoGemmIn };
