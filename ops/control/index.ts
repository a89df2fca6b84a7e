import type { OpDefinition } from '../types.js';

export const controlOps: OpDefinition[] = [];
