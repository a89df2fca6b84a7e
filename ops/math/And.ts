import { defineComparison } from './define-comparison.js';

// And-1 broadcast through its `broadcast`/`axis` attributes, And-7 the numpy way.
export const And = defineComparison('And', [1, 7], (t) => t === 'bool', (x, y) => x & y);
