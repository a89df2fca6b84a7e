import { addKernel } from './Add.js';
import { defineVariadic } from './define-variadic.js';

export const Sum = defineVariadic('Sum', [1, 6, 8, 13], addKernel);
