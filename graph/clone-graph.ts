// A copy of a graph that passes can rewrite without touching the loaded model: nodes,
// lists and maps are new; tensors and subgraphs are shared (passes replace, never mutate, them).
import type { Graph } from './ir.js';

export function cloneGraph(g: Graph): Graph {
  return {
    name: g.name,
    nodes: g.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], attributes: new Map(n.attributes) })),
    inputs: g.inputs.map((i) => ({ ...i })),
    outputs: g.outputs.map((o) => ({ ...o })),
    initializers: new Map(g.initializers),
    valueInfo: new Map(g.valueInfo),
  };
}
