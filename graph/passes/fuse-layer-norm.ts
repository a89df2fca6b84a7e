// extended: recognizes LayerNormalization written out with reductions, as exporters emit it
// at opsets before 17:
//   d = x - ReduceMean(x); y = d / Sqrt(ReduceMean(d^2) + eps) * gamma + beta
// over the last axis. The result is onnx-ts.LayerNormalization (ONNX opset-17 semantics).
import { constantOf, consumersOf, producersOf } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';
import { isOp, near, splitScalar } from './pattern-match.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass, type PassContext } from './pass.js';

function lastAxisOnly(graph: Graph, mean: Node, opset: number): boolean {
  if (mean.attributes.get('keepdims')?.value === 0) return false;
  const axes = opset >= 18 ? constantOf(graph, mean.inputs[1]) : undefined;
  const list = axes ? Array.from(axes.data as ArrayLike<number | bigint>, Number) : (mean.attributes.get('axes')?.value as number[] | undefined);
  return !!list && list.length === 1 && list[0] === -1;
}

export function fuseLayerNormIn(graph: Graph, ctx: PassContext): boolean {
  const opset = ctx.opsets.get('') ?? 1;
  let changed = false;
  for (;;) {
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    const readers = (name: string) => consumers.get(name) ?? [];
    let match: { remove: Node[]; keep: Node; x: string; gamma: string; beta: string; eps: number; output: string } | undefined;
    for (const mean1 of graph.nodes) {
      if (!isOp(mean1, 'ReduceMean') || !lastAxisOnly(graph, mean1, opset)) continue;
      const x = mean1.inputs[0];
      const sub = readers(mean1.outputs[0]).find((n) => isOp(n, 'Sub') && n.inputs[0] === x && n.inputs[1] === mean1.outputs[0]);
      if (!sub || readers(mean1.outputs[0]).length !== 1) continue;
      const d = sub.outputs[0];
      const dReaders = readers(d);
      const pow = dReaders.find((n) => isOp(n, 'Pow') || (n.domain === '' && n.opType === 'Mul' && n.inputs[0] === d && n.inputs[1] === d));
      const div = dReaders.find((n) => isOp(n, 'Div') && n.inputs[0] === d);
      if (!pow || !div || dReaders.length !== 2) continue;
      if (isOp(pow, 'Pow') && !near(splitScalar(graph, pow)?.[1], 2)) continue;
      const mean2 = readers(pow.outputs[0])[0];
      if (!isOp(mean2, 'ReduceMean') || !lastAxisOnly(graph, mean2, opset)) continue;
      const addEps = readers(mean2.outputs[0])[0];
      const eps = addEps && isOp(addEps, 'Add') ? splitScalar(graph, addEps) : undefined;
      if (!eps) continue;
      const sqrt = readers(addEps!.outputs[0])[0];
      if (!isOp(sqrt, 'Sqrt') || producers.get(div.inputs[1]) !== sqrt) continue;
      const mul = readers(div.outputs[0])[0];
      if (!isOp(mul, 'Mul') || readers(div.outputs[0]).length !== 1) continue;
      const gamma = mul.inputs[0] === div.outputs[0] ? mul.inputs[1] : mul.inputs[0];
      const add = readers(mul.outputs[0])[0];
      if (!isOp(add, 'Add') || readers(mul.outputs[0]).length !== 1) continue;
      const beta = add.inputs[0] === mul.outputs[0] ? add.inputs[1] : add.inputs[0];
      const g = constantOf(graph, gamma), b = constantOf(graph, beta);
      if (!g || !b || g.dims.length !== 1 || b.dims.length !== 1) continue;
      const chain = [mean1, sub, pow, mean2, addEps!, sqrt, div, mul];
      if (chain.slice(1, -1).some((n) => n.outputs.some((o) => graph.outputs.some((go) => go.name === o)))) continue;
      match = { remove: chain, keep: add, x, gamma, beta, eps: eps[1], output: add.outputs[0] };
      break;
    }
    if (!match) break;
    Object.assign(match.keep, {
      opType: 'LayerNormalization', domain: FUSED_DOMAIN, inputs: [match.x, match.gamma, match.beta], outputs: [match.output],
      attributes: new Map([['axis', { type: 'int', value: -1 }], ['epsilon', { type: 'float', value: match.eps }]]),
    });
    graph.nodes = graph.nodes.filter((n) => !match!.remove.includes(n));
    changed = true;
  }
  if (changed) ctx.opsets.set(FUSED_DOMAIN, 1);
  return changed;
}

export const fuseLayerNorm: GraphPass = { name: 'fuse-layer-norm', level: 'extended', run: fuseLayerNormIn };
