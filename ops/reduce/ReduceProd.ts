import { defineReduce } from './define-reduce.js';

export const ReduceProd = defineReduce('ReduceProd', [1, 11, 13, 18], 18, { accumulation: 'prod', exactBigint: 'plain' });
