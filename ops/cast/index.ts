import type { OpDefinition } from '../types.js';
import { Cast } from './Cast.js';
import { CastLike } from './CastLike.js';
import { ConvInteger } from './ConvInteger.js';
import { DequantizeLinear } from './DequantizeLinear.js';
import { DynamicQuantizeLinear } from './DynamicQuantizeLinear.js';
import { MatMulInteger } from './MatMulInteger.js';
import { QLinearConv } from './QLinearConv.js';
import { QLinearMatMul } from './QLinearMatMul.js';
import { QuantizeLinear } from './QuantizeLinear.js';

export const castOps: OpDefinition[] = [
  ...Cast, ...CastLike,
  ...QuantizeLinear, ...DequantizeLinear, ...DynamicQuantizeLinear,
  ...MatMulInteger, ...QLinearMatMul, ...ConvInteger, ...QLinearConv,
];
