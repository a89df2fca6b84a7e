import { defineComparison } from './define-comparison.js';

// Equal-11 took floats, Equal-19 strings; NaN equals nothing, itself included.
export const Equal = defineComparison('Equal', [1, 7, 11, 13, 19], (t) => !t.startsWith('complex'), (x, y) => (x === y ? 1 : 0));
