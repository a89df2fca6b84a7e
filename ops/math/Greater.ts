import { defineComparison } from './define-comparison.js';
import { isNumericType } from './element-types.js';

export const Greater = defineComparison('Greater', [1, 7, 9, 13], isNumericType, (x, y) => (x > y ? 1 : 0));
