import type { OpDefinition } from '../types.js';

export const textOps: OpDefinition[] = [];
