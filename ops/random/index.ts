import type { OpDefinition } from '../types.js';

export const randomOps: OpDefinition[] = [];
