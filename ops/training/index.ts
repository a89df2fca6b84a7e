import type { OpDefinition } from '../types.js';

export const trainingOps: OpDefinition[] = [];
