// Orders nodes so each runs after the nodes producing its inputs, and rejects graphs that
// use undefined values or contain cycles, naming the node and value at fault.
import { InvalidModelError } from '../data/errors.js';
import type { Graph, Node } from './ir.js';

/**
 * @param available names defined before any node runs: graph inputs, initializers, and
 *   (for subgraphs) every name visible from the enclosing graphs.
 */
export function topologicalOrder(graph: Graph, available: ReadonlySet<string>): Node[] {
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    for (const o of n.outputs) {
      if (o === '') continue;
      if (producer.has(o)) {
        const other = graph.nodes[producer.get(o)!];
        throw new InvalidModelError(`Value "${o}" is produced by two nodes: "${other.name}" (${other.opType}) and "${n.name}" (${n.opType})`, { node: n.name, opType: n.opType });
      }
      producer.set(o, i);
    }
  });
  const pending = new Int32Array(graph.nodes.length);
  const consumers: number[][] = graph.nodes.map(() => []);
  graph.nodes.forEach((n, i) => {
    const deps = new Set<number>();
    for (const name of [...n.inputs, ...implicitInputs(n)]) {
      if (name === '') continue;
      const p = producer.get(name);
      if (p !== undefined) {
        deps.add(p);
      } else if (!available.has(name)) {
        throw new InvalidModelError(
          `Node "${n.name}" (${n.opType}) uses input "${name}", which is not a graph input, an initializer, or the output of any node`,
          { node: n.name, opType: n.opType, input: name },
        );
      }
    }
    pending[i] = deps.size;
    for (const d of deps) consumers[d].push(i);
  });
  const order: Node[] = [];
  const queue: number[] = [];
  pending.forEach((c, i) => c === 0 && queue.push(i));
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    order.push(graph.nodes[i]);
    for (const c of consumers[i]) if (--pending[c] === 0) queue.push(c);
  }
  if (order.length !== graph.nodes.length) {
    const stuck = graph.nodes.filter((_, i) => pending[i] > 0).map((n) => `"${n.name}" (${n.opType})`);
    throw new InvalidModelError(`The graph has a cycle: these nodes depend on each other: ${stuck.slice(0, 10).join(', ')}${stuck.length > 10 ? ', ...' : ''}`, {
      node: graph.nodes.find((_, i) => pending[i] > 0)?.name,
    });
  }
  return order;
}

/** Names a node's subgraphs read from the enclosing scope: they are dependencies of the node. */
export function implicitInputs(node: Node): string[] {
  const out: string[] = [];
  for (const a of node.attributes.values()) {
    const graphs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
    for (const g of graphs) out.push(...outerReferences(g));
  }
  return out;
}

const outerRefCache = new WeakMap<Graph, string[]>();

/** Names used inside a graph (at any depth) that the graph does not define itself. */
export function outerReferences(g: Graph): string[] {
  const cached = outerRefCache.get(g);
  if (cached) return cached;
  const defined = new Set<string>([...g.inputs.map((i) => i.name), ...g.initializers.keys()]);
  for (const n of g.nodes) for (const o of n.outputs) defined.add(o);
  const refs = new Set<string>();
  for (const n of g.nodes) {
    for (const i of [...n.inputs, ...implicitInputs(n)]) if (i !== '' && !defined.has(i)) refs.add(i);
  }
  // a branch may return an outer value as it is, with no node reading it
  for (const o of g.outputs) if (o.name !== '' && !defined.has(o.name)) refs.add(o.name);
  const list = [...refs];
  outerRefCache.set(g, list);
  return list;
}
