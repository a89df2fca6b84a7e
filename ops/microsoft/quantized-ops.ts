// com.microsoft quantized ops: block-quantized weights (MatMulNBits, GatherBlockQuantized, MatMulBnb4),
// dynamic-quantized matmuls and the QOperator-format QLinear* ops.
import type { OpDefinition } from '../types.js';
import { DynamicQuantizeMatMul } from './DynamicQuantizeMatMul.js';
import { GatherBlockQuantized } from './GatherBlockQuantized.js';
import { MatMulBnb4 } from './MatMulBnb4.js';
import { MatMulIntegerToFloat } from './MatMulIntegerToFloat.js';
import { MatMulNBits } from './MatMulNBits.js';
import { QLinearAdd } from './QLinearAdd.js';
import { QLinearAveragePool } from './QLinearAveragePool.js';
import { QLinearConcat } from './QLinearConcat.js';
import { QLinearGlobalAveragePool } from './QLinearGlobalAveragePool.js';
import { QLinearLeakyRelu } from './QLinearLeakyRelu.js';
import { QLinearMul } from './QLinearMul.js';
import { QLinearSigmoid } from './QLinearSigmoid.js';
import { QLinearSoftmax } from './QLinearSoftmax.js';
import { QLinearWhere } from './QLinearWhere.js';

export const quantizedOps: OpDefinition[] = [
  ...MatMulNBits, ...GatherBlockQuantized, ...MatMulBnb4,
  ...DynamicQuantizeMatMul, ...MatMulIntegerToFloat,
  ...QLinearAdd, ...QLinearMul, ...QLinearConcat, ...QLinearWhere,
  ...QLinearSigmoid, ...QLinearLeakyRelu, ...QLinearSoftmax,
  ...QLinearGlobalAveragePool, ...QLinearAveragePool,
];
