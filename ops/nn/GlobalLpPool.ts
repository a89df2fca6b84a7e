import { defineOpVersions } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { globalPool } from './pool-global.js';
import { lpNorm, readLpExponent } from './pool-lp-norm.js';

// GlobalLpPool-1 took p as a float, from 2 as an int.
export const GlobalLpPool = defineOpVersions('GlobalLpPool', [1, 2, 22], (ctx) => {
  const p = readLpExponent(ctx);
  return (inputs) => [
    globalPool('GlobalLpPool', tensorInput(inputs, 0, 'X'), (src, base, size) => lpNorm(src, base, undefined, 0, size, p)),
  ];
});
