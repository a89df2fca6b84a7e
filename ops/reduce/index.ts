import type { OpDefinition } from '../types.js';
import { ReduceL1 } from './ReduceL1.js';
import { ReduceL2 } from './ReduceL2.js';
import { ReduceLogSum } from './ReduceLogSum.js';
import { ReduceLogSumExp } from './ReduceLogSumExp.js';
import { ReduceMax } from './ReduceMax.js';
import { ReduceMean } from './ReduceMean.js';
import { ReduceMin } from './ReduceMin.js';
import { ReduceProd } from './ReduceProd.js';
import { ReduceSum } from './ReduceSum.js';
import { ReduceSumSquare } from './ReduceSumSquare.js';

export const reduceOps: OpDefinition[] = [
  ...ReduceSum, ...ReduceMean, ...ReduceProd, ...ReduceMax, ...ReduceMin,
  ...ReduceL1, ...ReduceL2, ...ReduceSumSquare, ...ReduceLogSum, ...ReduceLogSumExp,
];
