// The Reduce* ops share their contract: `axes` as an attribute in older opsets and as an
// optional second input in newer ones (with noop_with_empty_axes), and `keepdims`.
import { defineOp } from '../define.js';
import { resolveReduceAxes } from '../helpers/reduce-axes.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { PlanCache, type ReduceSpec, reduceTensor } from './reduce-tensor.js';

/** `axesInputSince`: the first opset where axes moved from the attribute to input 1. */
export function defineReduce(opType: string, versions: number[], axesInputSince: number, spec: ReduceSpec): OpDefinition[] {
  return versions.map((since) =>
    defineOp(opType, since, (ctx) => {
      const keepdims = ctx.attrs.int('keepdims', 1) !== 0;
      const axesFromInput = since >= axesInputSince;
      const attrAxes = axesFromInput ? undefined : ctx.attrs.ints('axes');
      const noop = axesFromInput && ctx.attrs.int('noop_with_empty_axes', 0) !== 0;
      const cache = new PlanCache();
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'data');
        let axesList = attrAxes;
        if (axesFromInput) {
          const t = optionalTensorInput(inputs, 1);
          axesList = t ? readInts(t) : undefined;
        }
        const axes = resolveReduceAxes(x.dims.length, axesList, noop);
        if (axes === null) return [x];
        return [reduceTensor(x, axes, keepdims, spec, cache)];
      };
    }),
  );
}
