import type { NumberArray } from '../../data/number-array.js';
import { defineOpVersions } from '../define.js';
import { allocCompute, fromCompute, tensorInput } from '../helpers/values.js';
import { PoolPlanner, poolInput, readPoolOptions } from './pool-options.js';
import { lpNorm, readLpExponent } from './pool-lp-norm.js';
import { poolValues } from './pool-types.js';

// LpPool-1 took p as a float, from 2 as an int; 18 added ceil_mode and dilations.
export const LpPool = defineOpVersions('LpPool', [1, 2, 11, 18, 22], (ctx) => {
  const planner = new PoolPlanner(readPoolOptions(ctx));
  const p = readLpExponent(ctx);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const src = poolValues('LpPool', x);
    const { batch, channels, inShape } = poolInput('LpPool', x);
    const { geometry, plan } = planner.plan(inShape);
    const { tapStart, taps } = plan;
    const planes = batch * channels;
    const y = allocCompute(x.type, planes * plan.outSize) as NumberArray;
    for (let q = 0; q < planes; q++) {
      const xo = q * plan.inSize, yo = q * plan.outSize;
      for (let o = 0; o < plan.outSize; o++) y[yo + o] = lpNorm(src, xo, taps, tapStart[o], tapStart[o + 1], p);
    }
    return [fromCompute(x.type, y, [batch, channels, ...geometry.outShape])];
  };
});
