import type { OpDefinition } from '../types.js';
import { Reshape } from './Reshape.js';

export const tensorOps: OpDefinition[] = [...Reshape];
