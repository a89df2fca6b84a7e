import type { OpDefinition } from '../types.js';

export const nnOps: OpDefinition[] = [];
