// Which node inputs are fixed for the session's life: initializers of the node's graph that no
// graph input of the same name can override. Ops that prepare weights (unpacking,
// dequantizing, packing for a kernel) do it once at create time for these, and per run for
// anything else.
import type { Tensor } from '../../data/tensor.js';
import { constantOf } from '../../graph/graph-edit.js';
import type { OpContext } from '../types.js';

/** The initializer feeding input `index`, or undefined when that input is fed at run time. */
export function constantInput(ctx: OpContext, index: number): Tensor | undefined {
  const name = ctx.node.inputs[index];
  return name && ctx.graph ? constantOf(ctx.graph, name) : undefined;
}

/** Whether input `index` is omitted (absent or ''). */
export function isOmitted(ctx: OpContext, index: number): boolean {
  return !ctx.node.inputs[index];
}

/**
 * The inputs at `indices` when each one is either omitted or constant (undefined for the
 * omitted ones); null when any of them is fed at run time.
 */
export function constantInputs(ctx: OpContext, indices: readonly number[]): (Tensor | undefined)[] | null {
  const out: (Tensor | undefined)[] = [];
  for (const i of indices) {
    if (isOmitted(ctx, i)) { out.push(undefined); continue; }
    const t = constantInput(ctx, i);
    if (!t) return null;
    out.push(t);
  }
  return out;
}
