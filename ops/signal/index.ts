import type { OpDefinition } from '../types.js';

export const signalOps: OpDefinition[] = [];
