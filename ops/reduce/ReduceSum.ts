import { defineReduce } from './define-reduce.js';

export const ReduceSum = defineReduce('ReduceSum', [1, 11, 13], 13, { accumulation: 'sum', exactBigint: 'plain' });
