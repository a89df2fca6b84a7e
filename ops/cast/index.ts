import type { OpDefinition } from '../types.js';

export const castOps: OpDefinition[] = [];
