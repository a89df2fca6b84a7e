import type { OpDefinition } from '../types.js';

export const imageOps: OpDefinition[] = [];
