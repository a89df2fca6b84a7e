import type { OpDefinition } from '../types.js';

export const mlOps: OpDefinition[] = [];
