import type { OpDefinition } from '../types.js';

export const reduceOps: OpDefinition[] = [];
