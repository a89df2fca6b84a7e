import { defineReduce } from './define-reduce.js';

export const ReduceL1 = defineReduce('ReduceL1', [1, 11, 13, 18], 18, { accumulation: 'sumAbs', exactBigint: 'plain' });
