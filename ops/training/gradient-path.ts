// What a Gradient node differentiates: the nodes of its graph that compute "y" from the
// tensors named in "xs" and "zs" (found by walking back from y, stopping at those names),
// and which of them depend on xs and therefore need a backward rule. Names the walk reaches
// that no node produces (graph inputs, initializers, outer-scope values) are read as
// constants from the scope the Gradient node runs in.
import type { Graph, Node } from '../../graph/ir.js';
import { implicitInputs } from '../../graph/topo-sort.js';
import { UnsupportedOperatorError } from '../../data/errors.js';
import { GRADIENT_RULES, NON_DIFFERENTIABLE_INPUTS } from './gradient-rules.js';

export interface GradientPlan {
  /** The forward computation: inputs xs then zs; outputs y and every value the backward pass reads. */
  forward: Graph;
  /** Nodes that depend on xs, in reverse topological order. */
  backward: Node[];
  /** Names whose value depends on xs. */
  differentiable: ReadonlySet<string>;
}

/** A node on the path from xs to y whose op has no backward rule here. */
export class NoGradientRuleError extends UnsupportedOperatorError {
  constructor(gradientNode: Node, node: Node) {
    super(node.opType, node.domain, Number.NaN, node.name, '');
    const op = `${node.domain === '' ? 'ai.onnx' : node.domain}.${node.opType}`;
    this.message = `Gradient node "${gradientNode.name}" cannot differentiate through node "${node.name}" (${op}): ` +
      `no gradient rule for ${op}. Differentiable ops: ${[...GRADIENT_RULES.keys()].join(', ')}.`;
  }
}

function nodeInputs(n: Node): string[] {
  return [...n.inputs, ...implicitInputs(n)].filter((name) => name !== '');
}

/** The nodes computing `y` from `leaves`, producers before consumers (iterative post-order DFS). */
function forwardNodes(graph: Graph, gradientNode: Node, leaves: ReadonlySet<string>, y: string, fail: (msg: string) => Error): Node[] {
  const producer = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o) producer.set(o, n);
  const order: Node[] = [];
  const state = new Map<Node, 'open' | 'done'>();
  const visit = (root: Node) => {
    const stack: { node: Node; inputs: string[]; next: number }[] = [{ node: root, inputs: nodeInputs(root), next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next === top.inputs.length) {
        stack.pop();
        state.set(top.node, 'done');
        order.push(top.node);
        continue;
      }
      const name = top.inputs[top.next++];
      const p = leaves.has(name) ? undefined : producer.get(name);
      if (!p || state.get(p) === 'done') continue;
      if (p === gradientNode) throw fail(`y "${y}" depends on the outputs of this Gradient node`);
      if (state.get(p) === 'open') throw fail(`the nodes computing y "${y}" form a cycle through "${p.name}"`);
      state.set(p, 'open');
      stack.push({ node: p, inputs: nodeInputs(p), next: 0 });
    }
  };
  if (!leaves.has(y)) {
    const p = producer.get(y);
    if (p === gradientNode) throw fail(`y "${y}" is an output of this Gradient node`);
    if (p) visit(p);
    else if (!graph.initializers.has(y) && !graph.inputs.some((i) => i.name === y)) {
      throw fail(`y "${y}" is not a value of the graph`);
    }
  }
  return order;
}

export function planGradient(
  graph: Graph, gradientNode: Node, xs: readonly string[], zs: readonly string[], y: string, fail: (msg: string) => Error,
): GradientPlan {
  const leaves = new Set([...xs, ...zs]);
  if (leaves.size !== xs.length + zs.length) throw fail(`xs and zs must name distinct tensors, got xs=[${xs}] zs=[${zs}]`);
  const order = forwardNodes(graph, gradientNode, leaves, y, fail);

  const differentiable = new Set<string>(xs);
  const backward: Node[] = [];
  const needed = new Set<string>([y]);
  for (const n of order) {
    const skip = NON_DIFFERENTIABLE_INPUTS.get(n.opType) ?? [];
    const depends = n.inputs.some((name, i) => name && differentiable.has(name) && !skip.includes(i)) ||
      implicitInputs(n).some((name) => differentiable.has(name));
    if (!depends) continue;
    if (n.domain !== '' || !GRADIENT_RULES.has(n.opType)) throw new NoGradientRuleError(gradientNode, n);
    backward.push(n);
    for (const o of n.outputs) if (o) differentiable.add(o);
    for (const name of [...n.inputs, ...n.outputs]) if (name) needed.add(name);
  }
  backward.reverse();
  const forward: Graph = {
    name: `${gradientNode.name || 'Gradient'}_forward`,
    nodes: order,
    inputs: [...xs, ...zs].map((name) => ({ name })),
    outputs: [...needed].map((name) => ({ name })),
    initializers: new Map(),
    valueInfo: new Map(),
  };
  return { forward, backward, differentiable };
}
