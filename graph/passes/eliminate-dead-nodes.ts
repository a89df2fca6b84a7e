// basic: removes nodes whose outputs nothing reads and initializers nothing uses.
import { consumersOf } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import type { GraphPass } from './pass.js';

export function eliminateDeadNodesIn(graph: Graph): boolean {
  let changed = false;
  const outputs = new Set(graph.outputs.map((o) => o.name));
  for (;;) {
    const consumers = consumersOf(graph);
    const live = graph.nodes.filter((n) => n.outputs.some((o) => o && (outputs.has(o) || consumers.has(o))));
    if (live.length === graph.nodes.length) break;
    graph.nodes = live;
    changed = true;
  }
  const consumers = consumersOf(graph);
  const inputs = new Set(graph.inputs.map((i) => i.name));
  for (const name of [...graph.initializers.keys()]) {
    if (!consumers.has(name) && !outputs.has(name) && !inputs.has(name)) {
      graph.initializers.delete(name);
      changed = true;
    }
  }
  return changed;
}

export const eliminateDeadNodes: GraphPass = { name: 'eliminate-dead-nodes', level: 'basic', run: eliminateDeadNodesIn };
