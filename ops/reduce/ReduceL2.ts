import { defineReduce } from './define-reduce.js';

export const ReduceL2 = defineReduce('ReduceL2', [1, 11, 13, 18], 18, { accumulation: 'sumSquare', finish: (s) => Math.sqrt(s) });
