import { defineOpVersions } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { globalPool } from './pool-global.js';

export const GlobalMaxPool = defineOpVersions('GlobalMaxPool', [1, 22], () => (inputs) => [
  globalPool('GlobalMaxPool', tensorInput(inputs, 0, 'X'), (src, base, size) => {
    // NaNs are skipped, as in MaxPool; a plane of only NaNs gives NaN
    let best = size > 0 ? src[base] : -Infinity;
    for (let i = base + 1, end = base + size; i < end; i++) {
      const v = src[i];
      if (v > best || (best !== best && v === v)) best = v;
    }
    return best;
  }),
]);
