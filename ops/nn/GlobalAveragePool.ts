import { defineOpVersions } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { globalPool } from './pool-global.js';

export const GlobalAveragePool = defineOpVersions('GlobalAveragePool', [1, 22], () => (inputs) => [
  globalPool('GlobalAveragePool', tensorInput(inputs, 0, 'X'), (src, base, size) => {
    let s = 0;
    for (let i = base, end = base + size; i < end; i++) s += src[i];
    return s / size;
  }),
]);
