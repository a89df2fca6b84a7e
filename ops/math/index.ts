import type { OpDefinition } from '../types.js';
import { Add } from './Add.js';
import { Relu } from './Relu.js';

export const mathOps: OpDefinition[] = [...Add, ...Relu];
