import { defineReduce } from './define-reduce.js';

export const ReduceSumSquare = defineReduce('ReduceSumSquare', [1, 11, 13, 18], 18, { accumulation: 'sumSquare', exactBigint: 'plain' });
