import type { OpDefinition } from '../types.js';
import { Cast } from './Cast.js';
import { CastLike } from './CastLike.js';
import { DequantizeLinear } from './DequantizeLinear.js';
import { QuantizeLinear } from './QuantizeLinear.js';

export const castOps: OpDefinition[] = [...Cast, ...CastLike, ...QuantizeLinear, ...DequantizeLinear];
