// Expands calls to model-local functions (FunctionProto) into their bodies, so the rest of the
// pipeline only sees primitive ops. Names inside a body get a per-call prefix to stay unique.
import { InvalidModelError } from '../data/errors.js';
import type { AttributeValue, FunctionDef, Graph, Node } from './ir.js';

const MAX_INLINE_DEPTH = 32;

function substituteAttributes(
  attrs: Map<string, AttributeValue>,
  callAttrs: Map<string, AttributeValue>,
  fn: FunctionDef,
): Map<string, AttributeValue> {
  const out = new Map<string, AttributeValue>();
  for (const [k, v] of attrs) {
    if (v.type !== 'ref') { out.set(k, v); continue; }
    const bound = callAttrs.get(v.value) ?? fn.attributeDefaults.get(v.value);
    if (bound) out.set(k, bound);
  }
  return out;
}

function expandNode(call: Node, fn: FunctionDef, callId: string, functions: FunctionDef[], depth: number): Node[] {
  if (depth > MAX_INLINE_DEPTH) throw new InvalidModelError(`Function "${fn.name}" calls itself more than ${MAX_INLINE_DEPTH} levels deep`, { node: call.name });
  const rename = new Map<string, string>();
  fn.inputs.forEach((name, i) => rename.set(name, call.inputs[i] ?? ''));
  fn.outputs.forEach((name, i) => rename.set(name, call.outputs[i] ?? ''));
  const mapName = (n: string) => (n === '' ? '' : rename.get(n) ?? `${callId}/${n}`);
  const body: Node[] = fn.nodes.map((n, i) => ({
    name: `${callId}/${n.name || i}`,
    opType: n.opType,
    domain: n.domain,
    inputs: n.inputs.map(mapName),
    outputs: n.outputs.map(mapName),
    attributes: substituteAttributes(n.attributes, call.attributes, fn),
  }));
  return inlineNodes(body, functions, depth + 1);
}

function inlineNodes(nodes: Node[], functions: FunctionDef[], depth: number): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    const fn = functions.find((f) => f.name === n.opType && f.domain === n.domain);
    if (fn) out.push(...expandNode(n, fn, n.name, functions, depth));
    else out.push(n);
  }
  return out;
}

export function inlineFunctions(graph: Graph, functions: FunctionDef[]): Graph {
  if (functions.length === 0) return graph;
  return { ...graph, nodes: inlineNodes(graph.nodes, functions, 0) };
}
