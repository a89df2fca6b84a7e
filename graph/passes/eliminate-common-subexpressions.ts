// basic: merges nodes that compute the same thing: same op, same inputs, same attributes.
import { isGraphOutput, replaceUses } from '../graph-edit.js';
import type { AttributeValue, Graph, Node } from '../ir.js';
import type { Tensor } from '../../data/tensor.js';
import type { GraphPass } from './pass.js';

const NON_DETERMINISTIC = new Set(['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli', 'Multinomial', 'Dropout']);

function attributeKey(a: AttributeValue): string | undefined {
  switch (a.type) {
    case 'graph': case 'graphs': case 'ref': return undefined;
    case 'tensor': return tensorKey(a.value);
    case 'tensors': {
      const keys = a.value.map(tensorKey);
      return keys.includes(undefined) ? undefined : keys.join(';');
    }
    case 'type_proto': case 'type_protos': return JSON.stringify(a.value);
    default: return JSON.stringify(a.value);
  }
}

function tensorKey(t: Tensor): string | undefined {
  if (t.size > 64) return undefined; // large constant attributes are not worth comparing
  return `${t.type}[${t.dims}]${Array.from(t.data as ArrayLike<unknown>, String).join(',')}`;
}

function nodeKey(n: Node): string | undefined {
  if (NON_DETERMINISTIC.has(n.opType)) return undefined;
  const attrs: string[] = [];
  for (const [k, v] of [...n.attributes].sort(([a], [b]) => a.localeCompare(b))) {
    const key = attributeKey(v);
    if (key === undefined) return undefined;
    attrs.push(`${k}=${key}`);
  }
  return `${n.domain}|${n.opType}|${n.inputs.join(',')}|${n.outputs.length}|${attrs.join('|')}`;
}

export function eliminateCommonSubexpressionsIn(graph: Graph): boolean {
  const seen = new Map<string, Node>();
  const removed = new Set<Node>();
  for (const n of graph.nodes) {
    const key = nodeKey(n);
    if (key === undefined) continue;
    const prior = seen.get(key);
    if (!prior) { seen.set(key, n); continue; }
    if (n.outputs.some((o, i) => o && (isGraphOutput(graph, o) || !prior.outputs[i]))) continue;
    n.outputs.forEach((o, i) => {
      if (o && prior.outputs[i]) replaceUses(graph, o, prior.outputs[i]);
    });
    removed.add(n);
  }
  if (removed.size === 0) return false;
  graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  return true;
}

export const eliminateCommonSubexpressions: GraphPass = { name: 'eliminate-common-subexpressions', level: 'basic', run: eliminateCommonSubexpressionsIn };
