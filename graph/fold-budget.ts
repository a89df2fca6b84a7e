// Constant folding runs nodes while a session is created, for every model, trusted or not. A
// 300-byte model can ask it for gigabytes (a Tile of a constant to 2^31 elements), so a fold
// never materializes more than a small budget: a node whose output would be larger is left
// in the graph, and run time (with its own limits and RunOptions) decides.
import { withAllocationLimit } from '../data/allocation-guard.js';
import { bytesPerElement } from '../data/dtype.js';
import { ResourceLimitError } from '../data/errors.js';
import { Tensor } from '../data/tensor.js';
import type { ResourceLimits } from './limits.js';
import { isStatic, type ShapeInfo } from './shape-inference.js';

/** Largest single tensor folding creates: big enough for real constant subgraphs, small enough to be instant. */
export const FOLD_BUDGET_BYTES = 64 * 2 ** 20;

/** The fold budget under these limits: FOLD_BUDGET_BYTES, or maxTensorBytes when that is smaller. */
export function foldBudgetBytes(limits: ResourceLimits): number {
  return Math.min(FOLD_BUDGET_BYTES, limits.maxTensorBytes);
}

/** False when shape inference already knows the output exceeds the budget; unknown shapes may be tried. */
export function shapeFitsFoldBudget(shape: ShapeInfo | undefined, limits: ResourceLimits): boolean {
  if (!shape?.dims || !isStatic(shape.dims)) return true;
  const bytes = shape.dims.reduce((a, b) => a * b, 1) * bytesPerElement(shape.type ?? 'float32');
  return bytes <= foldBudgetBytes(limits);
}

/**
 * Runs a fold with the budget as the per-tensor allocation limit, so an output nobody could
 * infer is stopped at its first oversized allocation. Undefined when the fold would exceed
 * the budget, or produced values that do (views, sequences): the node stays for run time.
 */
export async function foldWithinBudget<T extends readonly unknown[]>(
  limits: ResourceLimits, evaluate: () => T | Promise<T>,
): Promise<T | undefined> {
  const budget = foldBudgetBytes(limits);
  let values: T;
  try {
    values = await withAllocationLimit(budget, evaluate);
  } catch (e) {
    if (e instanceof ResourceLimitError) return undefined;
    throw e;
  }
  const fits = values.every((v) => v instanceof Tensor && v.size * bytesPerElement(v.type) <= budget);
  return fits ? values : undefined;
}
