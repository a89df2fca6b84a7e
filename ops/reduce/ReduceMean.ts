import { defineReduce } from './define-reduce.js';

// Integer means truncate; the mean of an empty set is NaN (0/0).
export const ReduceMean = defineReduce('ReduceMean', [1, 11, 13, 18], 18, {
  accumulation: 'sum',
  finish: (sum, n) => sum / n,
  exactBigint: 'mean',
});
