// FlexAttention's score_mod / prob_mod: a graph attribute taking one tensor (the whole
// [batch, heads, q_len, kv_len] score or probability tensor) and returning one tensor of the
// same shape. Compiled once at session creation, run on every kernel call.
import type { DataType } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import { sameDims } from '../helpers/shape.js';
import { isTensorValue } from '../helpers/values.js';
import type { OpContext, RuntimeContext, SubgraphRunner } from '../types.js';

export interface ModifierGraph {
  /** Runs the graph on `values` (as a `type` tensor of `dims`) and returns its result as float64. */
  apply(values: Float64Array, type: DataType, dims: readonly number[], rt: RuntimeContext): Promise<Float64Array>;
}

/** The compiled modifier named `name`, or undefined when the node does not have it. */
export function modifierGraph(ctx: OpContext, name: string): ModifierGraph | undefined {
  const graph = ctx.attrs.graph(name);
  if (!graph) return undefined;
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw ctx.attrs.error(`${name} must have exactly 1 input and 1 output, got ${graph.inputs.length} and ${graph.outputs.length}`, name);
  }
  const runner: SubgraphRunner = ctx.compileSubgraph(graph);
  return {
    async apply(values, type, dims, rt) {
      const [out] = await runner.run([floatTensor(type, values, dims)], rt);
      if (!isTensorValue(out)) throw new InvalidInputError(`${name} must produce a tensor`);
      if (!sameDims(out.dims, dims)) {
        throw new InvalidInputError(`${name} must keep the shape [${dims}] of its input, got [${out.dims}]`);
      }
      return Float64Array.from(floatData(out, `${name} output`));
    },
  };
}
