// extended: recognizes GELU written out with Erf, as exporters emit it at opsets that lack
// the op: 0.5 * x * (1 + erf(x / sqrt(2))), in either multiplication order. The result is
// onnx-ts.Gelu, which runs the ONNX Gelu (opset 20) semantics.
import { consumersOf, hasSingleConsumer, producersOf } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';
import { isOp, near, splitScalar } from './pattern-match.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass } from './pass.js';

export function fuseGeluIn(graph: Graph): boolean {
  let changed = false;
  for (;;) {
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    const single = (name: string) => hasSingleConsumer(graph, consumers, name) ? consumers.get(name)![0] : undefined;
    let match: { x: string; remove: Node[]; output: string; keep: Node } | undefined;
    for (const erf of graph.nodes) {
      if (!isOp(erf, 'Erf')) continue;
      const scale = producers.get(erf.inputs[0]);
      const s = scale && (isOp(scale, 'Div') || isOp(scale, 'Mul')) ? splitScalar(graph, scale) : undefined;
      if (!scale || !s || !(isOp(scale, 'Div') ? near(s[1], Math.SQRT2) : near(s[1], Math.SQRT1_2)) || (isOp(scale, 'Div') && scale.inputs[0] !== s[0])) continue;
      const x = s[0];
      const add = single(erf.outputs[0]);
      const a = add && isOp(add, 'Add') ? splitScalar(graph, add) : undefined;
      if (!a || !near(a[1], 1)) continue;
      const mul1 = single(add!.outputs[0]);
      if (!mul1 || !isOp(mul1, 'Mul') || !hasSingleConsumer(graph, consumers, scale.outputs[0])) continue;
      const other = mul1.inputs[0] === add!.outputs[0] ? mul1.inputs[1] : mul1.inputs[0];
      if (other === x) {
        // (x * (1 + erf)) * 0.5
        const mul2 = single(mul1.outputs[0]);
        const h = mul2 && isOp(mul2, 'Mul') ? splitScalar(graph, mul2) : undefined;
        if (!h || !near(h[1], 0.5)) continue;
        match = { x, remove: [scale, erf, add!, mul1], output: mul2!.outputs[0], keep: mul2! };
      } else {
        // (x * 0.5) * (1 + erf)
        const half = producers.get(other);
        const h = half && isOp(half, 'Mul') ? splitScalar(graph, half) : undefined;
        if (!h || h[0] !== x || !near(h[1], 0.5) || !hasSingleConsumer(graph, consumers, other)) continue;
        match = { x, remove: [scale, erf, add!, half!], output: mul1.outputs[0], keep: mul1 };
      }
      break;
    }
    if (!match) break;
    Object.assign(match.keep, { opType: 'Gelu', domain: FUSED_DOMAIN, inputs: [match.x], outputs: [match.output], attributes: new Map() });
    graph.nodes = graph.nodes.filter((n) => !match!.remove.includes(n));
    changed = true;
  }
  return changed;
}

export const fuseGelu: GraphPass = {
  name: 'fuse-gelu',
  level: 'extended',
  run(graph, ctx) {
    const changed = fuseGeluIn(graph);
    if (changed) ctx.opsets.set(FUSED_DOMAIN, 1);
    return changed;
  },
};
