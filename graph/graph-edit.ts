// Small queries and edits over the graph IR that optimizer passes share.
import type { Tensor } from '../data/tensor.js';
import type { AttributeValue, Graph, Node } from './ir.js';
import { outerReferences } from './topo-sort.js';

/** For each value name, the nodes that read it (including reads from inside subgraphs). */
export function consumersOf(graph: Graph): Map<string, Node[]> {
  const map = new Map<string, Node[]>();
  const add = (name: string, n: Node) => {
    if (!name) return;
    const list = map.get(name);
    if (list) list.push(n);
    else map.set(name, [n]);
  };
  for (const n of graph.nodes) {
    for (const i of n.inputs) add(i, n);
    for (const a of n.attributes.values()) {
      const gs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
      for (const g of gs) for (const r of outerReferences(g)) add(r, n);
    }
  }
  return map;
}

export function producersOf(graph: Graph): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o) map.set(o, n);
  return map;
}

export function isGraphOutput(graph: Graph, name: string): boolean {
  return graph.outputs.some((o) => o.name === name);
}

/** Makes every reader of `from` read `to` instead (subgraph bodies included). */
export function replaceUses(graph: Graph, from: string, to: string): void {
  const visit = (g: Graph) => {
    for (const n of g.nodes) {
      n.inputs = n.inputs.map((i) => (i === from ? to : i));
      for (const a of n.attributes.values()) {
        if (a.type === 'graph') visit(a.value);
        if (a.type === 'graphs') a.value.forEach(visit);
      }
    }
  };
  visit(graph);
}

/**
 * Removes `node`, whose output 0 equals its input 0 in value, wiring readers to the input.
 * When the output is a graph output the producer of the input is renamed instead, so the
 * graph keeps its output names. Returns false when neither is possible.
 */
export function bypassNode(graph: Graph, node: Node): boolean {
  const input = node.inputs[0];
  const output = node.outputs[0];
  if (!input || !output) return false;
  if (isGraphOutput(graph, output)) {
    const producer = producersOf(graph).get(input);
    if (!producer || isGraphOutput(graph, input)) return false;
    const consumers = consumersOf(graph).get(input) ?? [];
    if (consumers.some((c) => c !== node)) {
      // other readers keep reading the old name: rename producer output, rewire them
      producer.outputs = producer.outputs.map((o) => (o === input ? output : o));
      replaceUses(graph, input, output);
    } else {
      producer.outputs = producer.outputs.map((o) => (o === input ? output : o));
    }
    graph.nodes = graph.nodes.filter((n) => n !== node);
    return true;
  }
  replaceUses(graph, output, input);
  graph.nodes = graph.nodes.filter((n) => n !== node);
  return true;
}

/**
 * The value of `name` when it is a constant: an initializer that is not also a graph input.
 * An initializer listed as an input is only that input's default (IR >= 4), which a feed of
 * the same name replaces, so a pass must not bake its value, or shape, into the graph.
 */
export function constantOf(graph: Graph, name: string): Tensor | undefined {
  const t = name ? graph.initializers.get(name) : undefined;
  return t && !graph.inputs.some((i) => i.name === name) ? t : undefined;
}

export function attr(node: Node, name: string): AttributeValue | undefined {
  return node.attributes.get(name);
}

export function intAttr(node: Node, name: string, def: number): number {
  const a = node.attributes.get(name);
  return a?.type === 'int' ? a.value : def;
}

export function floatAttr(node: Node, name: string, def: number): number {
  const a = node.attributes.get(name);
  return a?.type === 'float' ? a.value : a?.type === 'int' ? a.value : def;
}

let uniqueCounter = 0;
/** A value name not used anywhere in the graph. */
export function uniqueName(graph: Graph, base: string): string {
  const used = new Set<string>([...graph.initializers.keys(), ...graph.inputs.map((i) => i.name)]);
  for (const n of graph.nodes) for (const o of n.outputs) used.add(o);
  let name: string;
  do name = `${base}__${uniqueCounter++}`; while (used.has(name));
  return name;
}

/** True if exactly one node reads `name` and it is not a graph output. */
export function hasSingleConsumer(graph: Graph, consumers: Map<string, Node[]>, name: string): boolean {
  return (consumers.get(name)?.length ?? 0) === 1 && !isGraphOutput(graph, name);
}
