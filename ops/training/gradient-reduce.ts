// Backward rules of ReduceSum and ReduceMean: the output gradient spread back over the
// reduced axes (divided by their extent for the mean). Axes come from the attribute (older
// opsets) or the second input (ReduceSum-13+, ReduceMean-18+), as in the forward ops.
import type { Node } from '../../graph/ir.js';
import type { OnnxValue } from '../../data/tensor.js';
import { AttributeReader } from '../attributes.js';
import { reducedDims, resolveReduceAxes } from '../helpers/reduce-axes.js';
import { isTensorValue, readInts } from '../helpers/values.js';
import { type Dense, broadcastTo } from './gradient-values.js';

function reduceGradient(node: Node, x: Dense, axesInput: OnnxValue | undefined, gy: Dense, mean: boolean): Dense {
  const attrs = new AttributeReader(node);
  const axes = isTensorValue(axesInput) ? readInts(axesInput) : attrs.ints('axes');
  const resolved = resolveReduceAxes(x.dims.length, axes, attrs.int('noop_with_empty_axes', 0) !== 0);
  if (!resolved) return { data: gy.data, dims: x.dims };
  // gy with the reduced axes as 1s broadcasts onto x
  const spread = broadcastTo({ data: gy.data, dims: reducedDims(x.dims, resolved, true) }, x.dims);
  if (mean) {
    let count = 1;
    for (const a of resolved) count *= x.dims[a];
    const out = new Float64Array(spread.length);
    for (let i = 0; i < out.length; i++) out[i] = spread[i] / count;
    return { data: out, dims: x.dims };
  }
  return { data: spread === gy.data ? Float64Array.from(spread) : spread, dims: x.dims };
}

export const reduceSumGradient = (node: Node, x: Dense, axes: OnnxValue | undefined, gy: Dense) => reduceGradient(node, x, axes, gy, false);
export const reduceMeanGradient = (node: Node, x: Dense, axes: OnnxValue | undefined, gy: Dense) => reduceGradient(node, x, axes, gy, true);
