import { defineReduce } from './define-reduce.js';

export const ReduceLogSum = defineReduce('ReduceLogSum', [1, 11, 13, 18], 18, { accumulation: 'sum', finish: (s) => Math.log(s) });
