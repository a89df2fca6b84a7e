import { defineComparison } from './define-comparison.js';

export const Xor = defineComparison('Xor', [1, 7], (t) => t === 'bool', (x, y) => x ^ y);
