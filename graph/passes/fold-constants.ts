// basic: evaluates every node whose inputs are all constant, and Shape/Size of values whose
// shape is statically known, replacing them with initializers. This folds the
// Shape→Gather→Unsqueeze→Concat→Reshape chains exporters emit for static shapes.
import { Tensor } from '../../data/tensor.js';
import type { Graph, Node } from '../ir.js';
import { inferNodeShapes, isStatic, shapeOfTensor, type ShapeInfo } from '../shape-inference.js';
import { topologicalOrder } from '../topo-sort.js';
import type { GraphPass, PassContext } from './pass.js';
import { TRAINING_DOMAIN } from '../../data/domains.js';
import { foldWithinBudget, shapeFitsFoldBudget } from '../fold-budget.js';

/** Ops whose output is not a function of their inputs, or that run subgraphs. */
const NOT_FOLDABLE = new Set([
  'RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli', 'Multinomial',
  'If', 'Loop', 'Scan', 'SequenceMap', 'Dropout',
]);

function foldable(node: Node): boolean {
  if (NOT_FOLDABLE.has(node.opType) || node.domain === TRAINING_DOMAIN) return false;
  for (const a of node.attributes.values()) if (a.type === 'graph' || a.type === 'graphs') return false;
  return true;
}

function staticShapeTensor(node: Node, x: ShapeInfo | undefined, opset: number): Tensor | undefined {
  if (!x || !isStatic(x.dims)) return undefined;
  if (node.opType === 'Size') return new Tensor('int64', BigInt64Array.of(BigInt(x.dims.reduce((a, b) => a * b, 1))), []);
  const r = x.dims.length;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const startA = node.attributes.get('start'), endA = node.attributes.get('end');
  const start = opset >= 15 && startA?.type === 'int' ? clamp(startA.value) : 0;
  const end = opset >= 15 && endA?.type === 'int' ? clamp(endA.value) : r;
  const dims = x.dims.slice(start, Math.max(start, end));
  return new Tensor('int64', BigInt64Array.from(dims, (d) => BigInt(d)), [dims.length]);
}

export async function foldConstantsIn(graph: Graph, ctx: PassContext): Promise<boolean> {
  const available = new Set<string>([...graph.inputs.map((i) => i.name), ...graph.initializers.keys()]);
  const order = topologicalOrder(graph, available);
  const shapes = new Map<string, ShapeInfo>();
  for (const i of graph.inputs) if (i.type?.kind === 'tensor') shapes.set(i.name, { type: i.type.elemType, dims: i.type.shape });
  for (const [name, t] of graph.initializers) shapes.set(name, shapeOfTensor(t));
  // a graph input with an initializer may be overridden by a feed: not a constant
  const overridable = new Set(graph.inputs.map((i) => i.name));
  const isConst = (name: string) => name === '' || (graph.initializers.has(name) && !overridable.has(name));
  const folded = new Set<Node>();
  for (const node of order) {
    const opset = ctx.opsets.get(node.domain) ?? 1;
    const ins = node.inputs.map((n) => (n ? shapes.get(n) : undefined));
    const consts = node.inputs.map((n) => (isConst(n) && n ? graph.initializers.get(n) : undefined));
    const inferred = node.opType === 'Constant' ? [] : inferNodeShapes(node, ins, consts, opset);
    let values: Tensor[] | undefined;
    if (node.domain === '' && (node.opType === 'Shape' || node.opType === 'Size')) {
      const t = staticShapeTensor(node, ins[0], opset);
      if (t) values = [t];
    }
    // outputs over the fold budget are left to run time, where the run's limits apply
    if (!values && foldable(node) && node.inputs.every(isConst) && shapeFitsFoldBudget(inferred[0], ctx.limits)) {
      try {
        values = await foldWithinBudget(ctx.limits, () => ctx.evaluate(node, consts));
      } catch {
        values = undefined; // leave it to run time, where the error names the run's inputs
      }
    }
    if (values && node.outputs.every((o, i) => !o || values![i])) {
      node.outputs.forEach((o, i) => {
        if (!o) return;
        graph.initializers.set(o, values![i]);
        shapes.set(o, shapeOfTensor(values![i]));
      });
      folded.add(node);
      continue;
    }
    node.outputs.forEach((o, i) => {
      if (o && inferred[i]) shapes.set(o, inferred[i]!);
    });
  }
  if (folded.size === 0) return false;
  graph.nodes = graph.nodes.filter((n) => !folded.has(n));
  return true;
}

export const foldConstants: GraphPass = { name: 'fold-constants', level: 'basic', run: foldConstantsIn };
