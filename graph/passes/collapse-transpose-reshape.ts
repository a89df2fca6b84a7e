// extended: Transpose→Transpose becomes one Transpose with the composed permutation;
// Reshape→Reshape becomes one Reshape to the second target (its input shape does not matter
// unless the second target copies dims with 0, which we then leave alone).
import { constantOf, consumersOf, hasSingleConsumer, producersOf } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import type { GraphPass } from './pass.js';

export function collapseTransposeReshapeIn(graph: Graph): boolean {
  let changed = false;
  for (;;) {
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    let did = false;
    for (const second of graph.nodes) {
      if (second.domain !== '' || (second.opType !== 'Transpose' && second.opType !== 'Reshape')) continue;
      const first = producers.get(second.inputs[0]);
      if (!first || first.opType !== second.opType || first.domain !== '' || !hasSingleConsumer(graph, consumers, second.inputs[0])) continue;
      if (second.opType === 'Transpose') {
        const p1 = first.attributes.get('perm'), p2 = second.attributes.get('perm');
        if (p1?.type !== 'ints' || p2?.type !== 'ints' || p1.value.length !== p2.value.length) continue;
        const composed = p2.value.map((p) => p1.value[p]);
        second.attributes.set('perm', { type: 'ints', value: composed });
      } else {
        const target = constantOf(graph, second.inputs[1]);
        if (!target) continue;
        const dims = Array.from(target.data as ArrayLike<number | bigint>, Number);
        const allowZero = second.attributes.get('allowzero')?.value === 1;
        if (!allowZero && dims.includes(0)) continue;
      }
      second.inputs = [first.inputs[0], ...second.inputs.slice(1)];
      graph.nodes = graph.nodes.filter((n) => n !== first);
      did = true;
      break;
    }
    if (!did) break;
    changed = true;
  }
  return changed;
}

export const collapseTransposeReshape: GraphPass = { name: 'collapse-transpose-reshape', level: 'extended', run: collapseTransposeReshapeIn };
