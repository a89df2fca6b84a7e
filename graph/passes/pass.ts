// What an optimizer pass is and what it may use. Passes are small local rewrites of the
// graph IR; each returns whether it changed anything so the optimizer can iterate to a fixpoint.
import type { Tensor } from '../../data/tensor.js';
import type { Graph, Node } from '../ir.js';
import type { ResourceLimits } from '../limits.js';

export type OptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export const LEVEL_RANK: Record<OptimizationLevel, number> = { disabled: 0, basic: 1, extended: 2, all: 3 };

export interface PassContext {
  /** Opset per domain; passes that emit our fused ops add the 'onnx-ts' domain. */
  opsets: Map<string, number>;
  /** Evaluates a node on constant inputs with the reference kernels (for constant folding). */
  evaluate(node: Node, inputs: (Tensor | undefined)[]): Promise<Tensor[]> | Tensor[];
  limits: ResourceLimits;
}

export interface GraphPass {
  name: string;
  level: Exclude<OptimizationLevel, 'disabled'>;
  run(graph: Graph, ctx: PassContext): boolean | Promise<boolean>;
}

