import { defineReduce } from './define-reduce.js';

export const ReduceLogSumExp = defineReduce('ReduceLogSumExp', [1, 11, 13, 18], 18, { accumulation: 'sumExp', logSumExp: true });
