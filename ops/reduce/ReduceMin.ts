import { defineReduce } from './define-reduce.js';

// 12 added int8/uint8, 13 bfloat16, 20 bool. An empty set gives +inf (the type's maximum for
// integers, true for bool).
export const ReduceMin = defineReduce('ReduceMin', [1, 11, 12, 13, 18, 20], 18, { accumulation: 'min', exactBigint: 'plain' });
