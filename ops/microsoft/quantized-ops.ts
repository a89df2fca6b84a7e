// com.microsoft quantized ops: block-quantized weights (MatMulNBits, GatherBlockQuantized, MatMulBnb4),
// dynamic-quantized matmuls and the QOperator-format QLinear* ops.
import type { OpDefinition } from '../types.js';

export const quantizedOps: OpDefinition[] = [];
