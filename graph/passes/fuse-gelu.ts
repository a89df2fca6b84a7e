// extended: recognizes GELU written out, as exporters emit it at opsets that lack the op:
// 0.5 * x * (1 + erf(x / sqrt(2))), and GPT-2's tanh form 0.5 * x * (1 + tanh(sqrt(2/pi) *
// (x + 0.044715 x^3))), in either multiplication order. The result is onnx-ts.Gelu, which runs
// the ONNX Gelu (opset 20) semantics, approximate 'tanh' for the second.
import { consumersOf, hasSingleConsumer, producersOf } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';
import { isOp, near, splitScalar } from './pattern-match.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass } from './pass.js';

/** The inner part of a GELU: `x`, the nodes computing f(x) (ending in `anchor`), and which GELU it is. */
interface GeluCore { x: string; nodes: Node[]; anchor: Node; approximate: 'none' | 'tanh' }

type Lookup = { producers: Map<string, Node>; single: (name: string) => Node | undefined; graph: Graph };

/** erf(x / sqrt 2), the inner part of exact GELU. */
function erfCore(erf: Node, { producers, single, graph }: Lookup): GeluCore | undefined {
  const scale = producers.get(erf.inputs[0]);
  const s = scale && (isOp(scale, 'Div') || isOp(scale, 'Mul')) ? splitScalar(graph, scale) : undefined;
  if (!scale || !s || !(isOp(scale, 'Div') ? near(s[1], Math.SQRT2) : near(s[1], Math.SQRT1_2)) || (isOp(scale, 'Div') && scale.inputs[0] !== s[0])) return undefined;
  if (single(scale.outputs[0]) !== erf) return undefined;
  return { x: s[0], nodes: [scale, erf], anchor: erf, approximate: 'none' };
}

/** tanh(sqrt(2/pi) (x + 0.044715 x^3)), the inner part of GPT-2's gelu_new (ONNX Gelu, approximate 'tanh'). */
function tanhCore(tanh: Node, { producers, single, graph }: Lookup): GeluCore | undefined {
  const scale = producers.get(tanh.inputs[0]);
  const s = scale && isOp(scale, 'Mul') ? splitScalar(graph, scale) : undefined;
  if (!s || !near(s[1], Math.sqrt(2 / Math.PI)) || single(scale!.outputs[0]) !== tanh) return undefined;
  const sum = producers.get(s[0]);
  if (!sum || !isOp(sum, 'Add') || single(sum.outputs[0]) !== scale) return undefined;
  for (const i of [0, 1]) {
    const x = sum.inputs[i];
    const cubeScale = producers.get(sum.inputs[1 - i]);
    const c = cubeScale && isOp(cubeScale, 'Mul') ? splitScalar(graph, cubeScale) : undefined;
    if (!c || !near(c[1], 0.044715) || single(cubeScale!.outputs[0]) !== sum) continue;
    const pow = producers.get(c[0]);
    const p = pow && isOp(pow, 'Pow') && pow.inputs[0] === x ? splitScalar(graph, pow) : undefined;
    if (!p || p[0] !== x || p[1] !== 3 || single(pow!.outputs[0]) !== cubeScale) continue;
    return { x, nodes: [pow!, cubeScale!, sum, scale!, tanh], anchor: tanh, approximate: 'tanh' };
  }
  return undefined;
}

export function fuseGeluIn(graph: Graph): boolean {
  let changed = false;
  for (;;) {
    const consumers = consumersOf(graph);
    const producers = producersOf(graph);
    const single = (name: string) => hasSingleConsumer(graph, consumers, name) ? consumers.get(name)![0] : undefined;
    const lookup = { producers, single, graph };
    let match: { x: string; remove: Node[]; output: string; keep: Node; approximate: 'none' | 'tanh' } | undefined;
    for (const node of graph.nodes) {
      const core = isOp(node, 'Erf') ? erfCore(node, lookup) : isOp(node, 'Tanh') ? tanhCore(node, lookup) : undefined;
      if (!core) continue;
      const { x, nodes, approximate } = core;
      // 0.5 * x * (1 + f(x)), in either multiplication order
      const add = single(core.anchor.outputs[0]);
      const a = add && isOp(add, 'Add') ? splitScalar(graph, add) : undefined;
      if (!a || !near(a[1], 1)) continue;
      const mul1 = single(add!.outputs[0]);
      if (!mul1 || !isOp(mul1, 'Mul')) continue;
      const other = mul1.inputs[0] === add!.outputs[0] ? mul1.inputs[1] : mul1.inputs[0];
      if (other === x) {
        // (x * (1 + f)) * 0.5
        const mul2 = single(mul1.outputs[0]);
        const h = mul2 && isOp(mul2, 'Mul') ? splitScalar(graph, mul2) : undefined;
        if (!h || !near(h[1], 0.5)) continue;
        match = { x, remove: [...nodes, add!, mul1], output: mul2!.outputs[0], keep: mul2!, approximate };
      } else {
        // (x * 0.5) * (1 + f)
        const half = producers.get(other);
        const h = half && isOp(half, 'Mul') ? splitScalar(graph, half) : undefined;
        if (!h || h[0] !== x || !near(h[1], 0.5) || !hasSingleConsumer(graph, consumers, other)) continue;
        match = { x, remove: [...nodes, add!, half!], output: mul1.outputs[0], keep: mul1, approximate };
      }
      break;
    }
    if (!match) break;
    const attributes = new Map(match.approximate === 'tanh' ? [['approximate', { type: 'string', value: 'tanh' } as const]] : []);
    Object.assign(match.keep, { opType: 'Gelu', domain: FUSED_DOMAIN, inputs: [match.x], outputs: [match.output], attributes });
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
