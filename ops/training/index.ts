import type { OpDefinition } from '../types.js';
import { Adagrad } from './Adagrad.js';
import { Adam } from './Adam.js';
import { Momentum } from './Momentum.js';

// Gradient is not registered: it needs automatic differentiation of the graph.
export const trainingOps: OpDefinition[] = [...Adagrad, ...Adam, ...Momentum];
