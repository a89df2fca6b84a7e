import { defineComparison } from './define-comparison.js';
import { isNumericType } from './element-types.js';

export const GreaterOrEqual = defineComparison('GreaterOrEqual', [12, 16], isNumericType, (x, y) => (x >= y ? 1 : 0));
