import { defineComparison } from './define-comparison.js';

export const Or = defineComparison('Or', [1, 7], (t) => t === 'bool', (x, y) => x | y);
