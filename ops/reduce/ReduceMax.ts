import { defineReduce } from './define-reduce.js';

// 12 added int8/uint8, 13 bfloat16, 20 bool. An empty set gives -inf (the type's minimum for
// integers, false for bool).
export const ReduceMax = defineReduce('ReduceMax', [1, 11, 12, 13, 18, 20], 18, { accumulation: 'max', exactBigint: 'plain' });
