// Helpers for passes that recognize multi-node patterns (GELU, LayerNormalization).
import { constantOf } from '../graph-edit.js';
import type { Graph, Node } from '../ir.js';

/** The constant scalar value of `name`, if it is a one-element float constant initializer. */
export function scalarValue(graph: Graph, name: string): number | undefined {
  const t = constantOf(graph, name);
  if (!t || t.size !== 1 || (t.type !== 'float32' && t.type !== 'float64' && t.type !== 'float16')) return undefined;
  const v = (t.data as ArrayLike<number>)[0];
  return t.type === 'float16' ? undefined : v;
}

export const near = (a: number | undefined, b: number, tol = 1e-3) => a !== undefined && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** For a binary node with one constant scalar input: [other input, scalar]. */
export function splitScalar(graph: Graph, n: Node): [string, number] | undefined {
  for (const i of [0, 1]) {
    const v = scalarValue(graph, n.inputs[i]);
    if (v !== undefined && scalarValue(graph, n.inputs[1 - i]) === undefined) return [n.inputs[1 - i], v];
  }
  return undefined;
}

/** An ai.onnx node of this op type (a boolean, not a type guard: a false result says nothing of `n`). */
export function isOp(n: Node | undefined, opType: string): boolean {
  return !!n && n.domain === '' && n.opType === opType;
}
