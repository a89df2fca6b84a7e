import type { NumberArray } from '../../data/number-array.js';
import { outputArray } from '../helpers/output-data.js';
import { defineOpVersions } from '../define.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { PoolPlanner, poolInput, readPoolOptions } from './pool-options.js';
import { poolValues } from './pool-types.js';

// AveragePool-7 added count_include_pad, 10 ceil_mode, 19 dilations.
export const AveragePool = defineOpVersions('AveragePool', [1, 7, 10, 11, 19, 22], (ctx) => {
  const planner = new PoolPlanner(readPoolOptions(ctx));
  const includePad = ctx.attrs.int('count_include_pad', 0) !== 0;
  return (inputs, rt) => {
    const x = tensorInput(inputs, 0, 'X');
    const src = poolValues('AveragePool', x);
    const { batch, channels, inShape } = poolInput('AveragePool', x);
    const { geometry, plan } = planner.plan(inShape);
    const { tapStart, taps, paddedCount } = plan;
    const planes = batch * channels;
    const y = outputArray(rt, 0, x.type, planes * plan.outSize) as NumberArray;
    for (let p = 0; p < planes; p++) {
      const xo = p * plan.inSize, yo = p * plan.outSize;
      for (let o = 0; o < plan.outSize; o++) {
        const start = tapStart[o], end = tapStart[o + 1];
        let s = 0;
        for (let t = start; t < end; t++) s += src[xo + taps[t]];
        y[yo + o] = s / (includePad ? paddedCount[o] : end - start);
      }
    }
    return [fromCompute(x.type, y, [batch, channels, ...geometry.outShape])];
  };
});
