// When each value of a graph dies: the step of its last reader in execution order. Shared by
// the executor (which releases values there) and the memory planner (which reuses their memory
// from there), so the two can never disagree.
import type { Node } from './ir.js';
import { implicitInputs } from './topo-sort.js';

/**
 * The index in `order` of the last node reading each value, counting names a subgraph (If,
 * Loop, Scan body) reads from the enclosing scope as read by the node that owns it. A value
 * produced but never read dies at the step that produced it.
 */
export function lastUseSteps(order: readonly Node[]): Map<string, number> {
  const lastUse = new Map<string, number>();
  order.forEach((n, i) => {
    for (const name of n.inputs) if (name) lastUse.set(name, i);
    for (const name of implicitInputs(n)) lastUse.set(name, i);
  });
  order.forEach((n, i) => {
    for (const name of n.outputs) if (name && !lastUse.has(name)) lastUse.set(name, i);
  });
  return lastUse;
}
