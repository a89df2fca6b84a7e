// Shapes of a graph's values for passes that need them (recomputed after edits).
import type { Graph } from '../ir.js';
import { inferGraphShapes, type ShapeInfo } from '../shape-inference.js';
import { topologicalOrder } from '../topo-sort.js';

export function graphShapes(graph: Graph, opsets: ReadonlyMap<string, number>, outerNames: ReadonlySet<string> = new Set()): Map<string, ShapeInfo> {
  const available = new Set<string>([...outerNames, ...graph.inputs.map((i) => i.name), ...graph.initializers.keys()]);
  return inferGraphShapes(graph, opsets, topologicalOrder(graph, available));
}
